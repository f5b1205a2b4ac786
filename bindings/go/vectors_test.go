package wsclose_test

import (
	"bytes"
	"errors"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// dashed returns "" for a "-" column, else the column.
func dashed(row map[string]string, column string) string {
	if row[column] == "-" {
		return ""
	}
	return row[column]
}

func TestVectorsCodes(t *testing.T) {
	for _, row := range readVectors(t, "codes.tsv") {
		code := wsclose.CloseCode(atoi(t, row, "code"))
		info := wsclose.Info(code)
		where := row["@line"]
		if got, want := wsclose.Classify(code), wsclose.Category(atoi(t, row, "category")); got != want {
			t.Errorf("%s: Classify(%d) = %v, want %v", where, code, got, want)
		}
		if info.Code != code || info.Category != wsclose.Category(atoi(t, row, "category")) {
			t.Errorf("%s: Info(%d) = %+v", where, code, info)
		}
		if want := dashed(row, "name"); info.Name != want {
			t.Errorf("%s: Info(%d).Name = %q, want %q", where, code, info.Name, want)
		}
		if want := dashed(row, "const_name"); info.ConstName != want {
			t.Errorf("%s: Info(%d).ConstName = %q, want %q", where, code, info.ConstName, want)
		}
		if info.Description == "" {
			t.Errorf("%s: Info(%d).Description is empty", where, code)
		}
		checks := []struct {
			column string
			got    bool
		}{
			{"sendable", info.Sendable},
			{"local_only", info.LocalOnly},
			{"browser_closeable", info.BrowserCloseable},
			{"ok", info.OK},
		}
		for _, check := range checks {
			if want := flag(t, row, check.column); check.got != want {
				t.Errorf("%s: Info(%d) %s = %v, want %v", where, code, check.column, check.got, want)
			}
		}
		if got, want := info.Reconnect, wsclose.Reconnect(atoi(t, row, "reconnect")); got != want {
			t.Errorf("%s: Info(%d).Reconnect = %v, want %v", where, code, got, want)
		}
	}
}

func TestVectorsParse(t *testing.T) {
	for _, row := range readVectors(t, "parse.tsv") {
		payload := unhex(t, row, "payload_hex")
		where := row["@line"]
		// For OK the parsed code; for an error the code to answer with.
		code := wsclose.CloseCode(atoi(t, row, "code"))
		parsed, err := wsclose.ParseClosePayload(payload)
		if row["result"] == "OK" {
			if err != nil {
				t.Errorf("%s: ParseClosePayload(%x): %v", where, payload, err)
				continue
			}
			if parsed.Code != code || !bytes.Equal([]byte(parsed.Reason), unhex(t, row, "reason_hex")) {
				t.Errorf("%s: ParseClosePayload(%x) = %+v, want code %d reason %s", where, payload, parsed, code, row["reason_hex"])
			}
			continue
		}
		var perr *wsclose.PayloadError
		if !errors.As(err, &perr) {
			t.Errorf("%s: ParseClosePayload(%x) = %+v, %v; want a *PayloadError %s", where, payload, parsed, err, row["result"])
			continue
		}
		if perr.Kind.String() != row["result"] || perr.CloseCode != code {
			t.Errorf("%s: ParseClosePayload(%x): kind %v close code %d, want %s %d", where, payload, perr.Kind, perr.CloseCode, row["result"], code)
		}
		if perr.Message() == "" || perr.Message() != perr.Kind.Message() {
			t.Errorf("%s: ParseClosePayload(%x): message %q", where, payload, perr.Message())
		}
		// The carried code is the payload's first two bytes, when parsing read them.
		if perr.HasCode && (len(payload) < 2 || perr.Code != wsclose.CloseCode(payload[0])<<8|wsclose.CloseCode(payload[1])) {
			t.Errorf("%s: ParseClosePayload(%x): carried code %d", where, payload, perr.Code)
		}
		if perr.HasCode != (perr.Kind != wsclose.KindOneByte && perr.Kind != wsclose.KindTooLong) {
			t.Errorf("%s: ParseClosePayload(%x): HasCode %v for %v", where, payload, perr.HasCode, perr.Kind)
		}
	}
}

func TestVectorsEncode(t *testing.T) {
	// Go strings may hold any bytes, so the rows whose reason is not UTF-8 run here too; the
	// reason_utf16 column is for languages whose strings are UTF-16.
	for _, row := range readVectors(t, "encode.tsv") {
		code := wsclose.CloseCode(atoi(t, row, "code"))
		reasonBytes := unhex(t, row, "reason_hex")
		reason := string(reasonBytes)
		where := row["@line"]
		payload, err := wsclose.EncodeClosePayload(code, reason)
		fromBytes, errBytes := wsclose.EncodeClosePayloadBytes(code, reasonBytes)
		if !bytes.Equal(payload, fromBytes) || (err == nil) != (errBytes == nil) {
			t.Errorf("%s: string and []byte reasons disagree: %x %v / %x %v", where, payload, err, fromBytes, errBytes)
		}
		if row["result"] == "OK" {
			if err != nil || !bytes.Equal(payload, unhex(t, row, "payload_hex")) {
				t.Errorf("%s: EncodeClosePayload(%d, %q) = %x, %v; want %s", where, code, reason, payload, err, row["payload_hex"])
			}
			continue
		}
		var perr *wsclose.PayloadError
		if !errors.As(err, &perr) || perr.Kind.String() != row["result"] || payload != nil {
			t.Errorf("%s: EncodeClosePayload(%d, %q) = %x, %v; want a *PayloadError %s", where, code, reason, payload, err, row["result"])
			continue
		}
		answer, _ := optionalCode(t, row, "answer_code")
		if perr.CloseCode != answer || !perr.HasCode || perr.Code != code {
			t.Errorf("%s: EncodeClosePayload(%d, %q): %+v, want answer %s", where, code, reason, perr, row["answer_code"])
		}
	}
}
