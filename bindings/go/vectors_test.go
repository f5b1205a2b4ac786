package wsclose_test

import (
	"bytes"
	"errors"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

func TestVectorsCodes(t *testing.T) {
	// const_name is not checked: the Go package names categories, not individual codes.
	for _, row := range readVectors(t, "codes.tsv") {
		code := uint16(atoi(t, row, "code"))
		info := wsclose.Info(code)
		where := row["@line"]
		if got, want := wsclose.Classify(code), wsclose.Category(atoi(t, row, "category")); got != want {
			t.Errorf("%s: Classify(%d) = %v, want %v", where, code, got, want)
		}
		if info.Code != code || info.Category != wsclose.Category(atoi(t, row, "category")) {
			t.Errorf("%s: Info(%d) = %+v", where, code, info)
		}
		name := row["name"]
		if name == "-" {
			name = ""
		}
		if info.Name != name {
			t.Errorf("%s: Info(%d).Name = %q, want %q", where, code, info.Name, name)
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
		code := uint16(atoi(t, row, "code"))
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
		if perr.Kind.String() != row["result"] || perr.CloseCode() != code {
			t.Errorf("%s: ParseClosePayload(%x): kind %v close code %d, want %s %d", where, payload, perr.Kind, perr.CloseCode(), row["result"], code)
		}
		if perr.Kind == wsclose.KindInvalidCode && perr.Code != uint16(payload[0])<<8|uint16(payload[1]) {
			t.Errorf("%s: ParseClosePayload(%x): offending code %d", where, payload, perr.Code)
		}
	}
}

func TestVectorsEncode(t *testing.T) {
	// Go strings may hold any bytes, so the rows whose reason is not UTF-8 run here too.
	for _, row := range readVectors(t, "encode.tsv") {
		code := uint16(atoi(t, row, "code"))
		reason := string(unhex(t, row, "reason_hex"))
		where := row["@line"]
		payload, err := wsclose.EncodeClosePayload(code, reason)
		if row["result"] == "OK" {
			if err != nil || !bytes.Equal(payload, unhex(t, row, "payload_hex")) {
				t.Errorf("%s: EncodeClosePayload(%d, %q) = %x, %v; want %s", where, code, reason, payload, err, row["payload_hex"])
			}
			continue
		}
		var perr *wsclose.PayloadError
		if !errors.As(err, &perr) || perr.Kind.String() != row["result"] || payload != nil {
			t.Errorf("%s: EncodeClosePayload(%d, %q) = %x, %v; want a *PayloadError %s", where, code, reason, payload, err, row["result"])
		}
	}
}
