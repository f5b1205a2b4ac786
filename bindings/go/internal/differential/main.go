// Command differential is the Go column of the cross-language differential
// (docs/differential.md): it reads the corpus in tests/differential/ and writes the answers of
// the Go package's public API in the neutral format; `cargo run -p xtask -- differential DIR go`
// compares them with the core.
//
// Usage: go run ./internal/differential CORPUS_DIR OUT_FILE
//
// With cgo it answers through libwsclose (`make diff-go`, language go); with CGO_ENABLED=0
// through the embedded WebAssembly module and wazero (`make diff-go-wasm`, language go-wasm).
//
// Sections: code, parse, encode, advice, policy, explain, event, pageclose, profile. Go strings are bytes, so the encode rows go through both
// EncodeClosePayload (string) and EncodeClosePayloadBytes ([]byte); the two must agree, and
// the line written is theirs. Go has no UTF-16 strings, so there is no encode16 section; the
// pageclose reasons go to Engine.PageClose as UTF-16 units, as a page's JavaScript string does.
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: differential CORPUS_DIR OUT_FILE")
		os.Exit(2)
	}
	// make diff-go and diff-go-wasm name the route they ask for, so that neither file can
	// silently come from the other.
	if want := os.Getenv("WSCLOSE_GO_BACKEND"); want != "" && want != wsclose.Backend() {
		fmt.Fprintf(os.Stderr, "differential: the package runs the %s route, WSCLOSE_GO_BACKEND says %s\n", wsclose.Backend(), want)
		os.Exit(1)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "differential:", err)
		os.Exit(1)
	}
}

func hexOrDash(b []byte) string {
	if len(b) == 0 {
		return "-"
	}
	return hex.EncodeToString(b)
}

func unhex(field string) ([]byte, error) {
	if field == "-" {
		return nil, nil
	}
	return hex.DecodeString(field)
}

func dash(text string) string {
	if text == "" {
		return "-"
	}
	return text
}

func bit(v bool) int {
	if v {
		return 1
	}
	return 0
}

// errorFields formats a *PayloadError: kind, answer code, carried code, result number, message.
func errorFields(err error) (string, error) {
	var perr *wsclose.PayloadError
	if !errors.As(err, &perr) {
		return "", fmt.Errorf("not a *PayloadError: %v", err)
	}
	answer, carried := "-", "-"
	if perr.CloseCode != 0 {
		answer = strconv.Itoa(int(perr.CloseCode))
	}
	if perr.HasCode {
		carried = strconv.Itoa(int(perr.Code))
	}
	return fmt.Sprintf("err\t%s\t%s\t%s\t%d\t%s", perr.Kind, answer, carried, int32(perr.Kind), perr.Message()), nil
}

// dataLines returns the lines of a corpus file that are neither empty nor comments.
func dataLines(path string) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var lines []string
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for scanner.Scan() {
		line := strings.TrimRight(scanner.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines = append(lines, line)
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s has no rows", path)
	}
	return lines, nil
}

func run(corpus, outFile string) error {
	var out bytes.Buffer
	for c := 0; c <= 0xffff; c++ {
		info := wsclose.Info(wsclose.CloseCode(c))
		fmt.Fprintf(&out, "code\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", c,
			info.Category.ConstName(), info.Category, dash(info.Name), dash(info.ConstName),
			bit(info.Sendable), bit(info.LocalOnly), bit(info.BrowserCloseable), bit(info.OK),
			info.Reconnect.ConstName(), info.Reconnect, info.Description)
	}

	payloads, err := dataLines(filepath.Join(corpus, "parse.txt"))
	if err != nil {
		return err
	}
	for _, line := range payloads {
		payload, err := unhex(line)
		if err != nil {
			return fmt.Errorf("parse.txt: %q: %v", line, err)
		}
		answer := ""
		if parsed, perr := wsclose.ParseClosePayload(payload); perr == nil {
			answer = fmt.Sprintf("ok\t%d\t%s", parsed.Code, hexOrDash([]byte(parsed.Reason)))
		} else if answer, err = errorFields(perr); err != nil {
			return fmt.Errorf("parse %s: %v", line, err)
		}
		fmt.Fprintf(&out, "parse\t%s\t%s\n", line, answer)
	}

	rows, err := dataLines(filepath.Join(corpus, "encode.tsv"))
	if err != nil {
		return err
	}
	for _, line := range rows {
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			return fmt.Errorf("encode.tsv: %q has %d fields", line, len(fields))
		}
		code, err := strconv.ParseUint(fields[0], 10, 16)
		if err != nil {
			return fmt.Errorf("encode.tsv: %q: %v", line, err)
		}
		reason, err := unhex(fields[1])
		if err != nil {
			return fmt.Errorf("encode.tsv: %q: %v", line, err)
		}
		payload, encErr := wsclose.EncodeClosePayload(wsclose.CloseCode(code), string(reason))
		fromBytes, bytesErr := wsclose.EncodeClosePayloadBytes(wsclose.CloseCode(code), reason)
		answer := ""
		if encErr == nil {
			answer = "ok\t" + hexOrDash(payload)
		} else if answer, err = errorFields(encErr); err != nil {
			return fmt.Errorf("encode %s: %v", line, err)
		}
		other := ""
		if bytesErr == nil {
			other = "ok\t" + hexOrDash(fromBytes)
		} else if other, err = errorFields(bytesErr); err != nil {
			return fmt.Errorf("encode %s: %v", line, err)
		}
		if other != answer {
			return fmt.Errorf("encode %s: string reason gives %q, []byte reason %q", line, answer, other)
		}
		fmt.Fprintf(&out, "encode\t%s\t%s\t%s\n", fields[0], fields[1], answer)
	}
	if err := newerSections(&out, corpus, payloads); err != nil {
		return err
	}
	return os.WriteFile(outFile, out.Bytes(), 0o644)
}

func adviceByName(name string) (wsclose.Advice, error) {
	for a := wsclose.Advice(0); a.ConstName() != ""; a++ {
		if a.ConstName() == name {
			return a, nil
		}
	}
	return 0, fmt.Errorf("no advice %q", name)
}

// policyLine answers one policy.tsv row: profile|- base cap max|- retry_unspecified overrides
// code was_clean attempt random.
func policyLine(row string) (string, error) {
	f := strings.Split(row, "\t")
	if len(f) != 10 {
		return "", fmt.Errorf("policy.tsv: %q has %d fields", row, len(f))
	}
	var options []wsclose.PolicyOption
	if f[0] != "-" {
		profile, ok := wsclose.ProfileByName(f[0])
		if !ok {
			return "", fmt.Errorf("policy.tsv: no profile %q", f[0])
		}
		options = append(options, wsclose.WithProfile(profile))
	}
	nums := make([]uint64, 10)
	for _, i := range []int{1, 2, 3, 6, 8, 9} {
		if f[i] == "-" {
			continue
		}
		n, err := strconv.ParseUint(f[i], 10, 64)
		if err != nil {
			return "", fmt.Errorf("policy.tsv: %q: %v", row, err)
		}
		nums[i] = n
	}
	options = append(options, wsclose.WithBaseMs(nums[1]), wsclose.WithCapMs(nums[2]),
		wsclose.WithRetryUnspecified(f[4] == "1"))
	if f[3] != "-" {
		options = append(options, wsclose.WithMaxAttempts(uint32(nums[3])))
	}
	if f[5] != "-" {
		for _, item := range strings.Split(f[5], ",") {
			code, name, found := strings.Cut(item, ":")
			if !found {
				return "", fmt.Errorf("policy.tsv: override %q", item)
			}
			n, err := strconv.ParseUint(code, 10, 16)
			if err != nil {
				return "", err
			}
			var advice wsclose.Advice
			if number, raw := strings.CutPrefix(name, "#"); raw {
				// `#N`: the raw advice number N; NewReconnectPolicy refuses one that is no advice.
				a, err := strconv.ParseUint(number, 10, 8)
				if err != nil {
					return "", err
				}
				advice = wsclose.Advice(a)
			} else if advice, err = adviceByName(name); err != nil {
				return "", err
			}
			options = append(options, wsclose.WithOverride(wsclose.CloseCode(n), advice))
		}
	}
	policy, err := wsclose.NewReconnectPolicy(options...)
	if err != nil {
		if errors.Is(err, wsclose.ErrInvalidArgument) && strings.Contains(f[5], ":#") {
			return fmt.Sprintf("policy\t%s\trefused\t-", row), nil
		}
		return "", err
	}
	random := nums[9]
	calls := 0
	decision := policy.Decide(wsclose.CloseCode(nums[6]), f[7] == "1", uint32(nums[8]), func() uint64 {
		calls++
		return random
	})
	if calls != 1 {
		return "", fmt.Errorf("policy.tsv: %q: the random source was called %d times", row, calls)
	}
	if decision.Retry {
		return fmt.Sprintf("policy\t%s\tretry\t%d", row, decision.DelayMs), nil
	}
	return fmt.Sprintf("policy\t%s\tstop\t-", row), nil
}

func eventLine(engine wsclose.Engine, input string, payload []byte) string {
	var event wsclose.CloseEvent
	var err error
	if input == "reset" {
		event, err = engine.ResetEvent()
	} else {
		event, err = engine.CloseEvent(payload, input == "dropped")
	}
	if err != nil {
		fatal(err)
	}
	reply := "none"
	switch event.Reply.Kind {
	case wsclose.ReplyEmpty:
		reply = "empty"
	case wsclose.ReplyClose:
		reply = fmt.Sprintf("%d:%s", event.Reply.Code, hexOrDash([]byte(event.Reply.Reason)))
	}
	return fmt.Sprintf("event\t%s\t%s\t%d\t%d\t%d\t%s\t%s", engine, input, event.Code, bit(event.WasClean),
		bit(event.ErrorFired), hexOrDash([]byte(event.Reason)), reply)
}

// pageCloseLine answers one pageclose.tsv row: a JavaScript number literal (or undefined) and a
// UTF-16 reason (hex, - empty, or undefined).
func pageCloseLine(engine wsclose.Engine, row string) (string, error) {
	literal, reasonField, found := strings.Cut(row, "\t")
	if !found {
		return "", fmt.Errorf("pageclose.tsv: %q", row)
	}
	var code *float64
	if literal != "undefined" {
		// ParseFloat reads "NaN", "Infinity", "-Infinity", "-0" and "1e300" as JavaScript does;
		// 1e300 is in range, so no error is expected.
		n, err := strconv.ParseFloat(literal, 64)
		if err != nil {
			return "", fmt.Errorf("pageclose.tsv: %q: %v", literal, err)
		}
		code = &n
	}
	var reason []uint16
	if reasonField != "undefined" {
		raw, err := unhex(reasonField)
		if err != nil || len(raw)%2 != 0 {
			return "", fmt.Errorf("pageclose.tsv: reason %q", reasonField)
		}
		reason = make([]uint16, len(raw)/2)
		for i := range reason {
			reason[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
	}
	sent, err := engine.PageClose(code, reason)
	answer := ""
	var dom wsclose.DomException
	switch {
	case err == nil:
		sentCode := "-"
		if sent.HasCode {
			sentCode = strconv.Itoa(int(sent.Code))
		}
		answer = fmt.Sprintf("ok\t%s\t%s", sentCode, hexOrDash([]byte(sent.Reason)))
	case errors.As(err, &dom):
		answer = "throw\t" + dom.Name()
	default:
		return "", err
	}
	return fmt.Sprintf("pageclose\t%s\t%s\t%s", engine, row, answer), nil
}

func newerSections(out *bytes.Buffer, corpus string, payloads []string) error {
	for _, profile := range wsclose.Profiles() {
		for c := 0; c <= 0xffff; c++ {
			fmt.Fprintf(out, "advice\t%s\t%d\t%s\n", profile.Name(), c,
				profile.Advice(wsclose.CloseCode(c)).ConstName())
		}
	}

	rows, err := dataLines(filepath.Join(corpus, "policy.tsv"))
	if err != nil {
		return err
	}
	for _, row := range rows {
		line, err := policyLine(row)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, line)
	}

	cleans := []struct {
		field string
		clean wsclose.WasClean
	}{{"-", wsclose.WasCleanUnknown}, {"0", wsclose.WasCleanFalse}, {"1", wsclose.WasCleanTrue}}
	for c := 0; c <= 0xffff; c++ {
		for _, clean := range cleans {
			explanation, err := wsclose.Explain(wsclose.CloseCode(c), clean.clean)
			if err != nil {
				fatal(err)
			}
			names := make([]string, len(explanation.Causes))
			for i, cause := range explanation.Causes {
				names[i] = cause.ConstName()
			}
			fmt.Fprintf(out, "explain\t%d\t%s\t%s\n", c, clean.field, strings.Join(names, ","))
		}
	}

	for _, engine := range wsclose.Engines() {
		fmt.Fprintln(out, eventLine(engine, "dropped", nil))
		fmt.Fprintln(out, eventLine(engine, "reset", nil))
		for _, line := range payloads {
			payload, err := unhex(line)
			if err != nil {
				return err
			}
			fmt.Fprintln(out, eventLine(engine, line, payload))
		}
	}

	// An engine number that is no engine: ErrInvalidArgument.
	for _, input := range []string{"dropped", "reset", "03e8"} {
		var err error
		switch input {
		case "reset":
			_, err = wsclose.Engine(7).ResetEvent()
		case "dropped":
			_, err = wsclose.Engine(7).CloseEvent(nil, true)
		default:
			_, err = wsclose.Engine(7).CloseEvent([]byte{0x03, 0xe8}, false)
		}
		if !errors.Is(err, wsclose.ErrInvalidArgument) {
			return fmt.Errorf("engine 7 was not refused: %v", err)
		}
		fmt.Fprintf(out, "event\t#7\t%s\trefused\n", input)
	}

	pageRows, err := dataLines(filepath.Join(corpus, "pageclose.tsv"))
	if err != nil {
		return err
	}
	for _, engine := range wsclose.Engines() {
		for _, row := range pageRows {
			line, err := pageCloseLine(engine, row)
			if err != nil {
				return err
			}
			fmt.Fprintln(out, line)
		}
	}

	// Profile lookups: a Go string holds the WTF-8 bytes as they are; bytes that are not UTF-8
	// (a lone surrogate) name no profile.
	names, err := dataLines(filepath.Join(corpus, "profile.txt"))
	if err != nil {
		return err
	}
	for _, row := range names {
		name, err := unhex(row)
		if err != nil {
			return err
		}
		found := func(profile wsclose.Profile, ok bool) string {
			if !ok {
				return "-"
			}
			return profile.Name()
		}
		byName := found(wsclose.ProfileByName(string(name)))
		byToken := found(wsclose.ProfileBySubprotocol(string(name)))
		fmt.Fprintf(out, "profile\t%s\t%s\t%s\n", row, byName, byToken)
	}
	return intentSection(out, corpus)
}

// intentSection answers, per profile and intent, the ranges (Profile.CodesFor) and the verdict
// (Profile.CheckIntent) for every code of intent.txt.
func intentSection(out *bytes.Buffer, corpus string) error {
	rows, err := dataLines(filepath.Join(corpus, "intent.txt"))
	if err != nil {
		return err
	}
	near := func(code wsclose.CloseCode, ok bool) string {
		if !ok {
			return "-"
		}
		return strconv.Itoa(int(code))
	}
	for _, profile := range wsclose.Profiles() {
		for _, intent := range []wsclose.Intent{wsclose.IntentStop, wsclose.IntentRetry} {
			head := fmt.Sprintf("intent\t%s\t%s", profile.Name(), intent.ConstName())
			ranges, err := profile.CodesFor(intent)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "%s\tranges\t%d\n", head, len(ranges))
			for _, r := range ranges {
				fmt.Fprintf(out, "%s\trange\t%d\t%d\t%s\n", head, r.First, r.Last, r.Advice.ConstName())
			}
			for _, row := range rows {
				n, err := strconv.ParseUint(row, 10, 16)
				if err != nil {
					return err
				}
				verdict := "ok"
				var miss *wsclose.IntentMismatchError
				if err := profile.CheckIntent(wsclose.CloseCode(n), intent); errors.As(err, &miss) {
					if miss.Sendable {
						verdict = fmt.Sprintf("advice\t%s\t%s\t%s", miss.Advice.ConstName(),
							near(miss.Below, miss.HasBelow), near(miss.Above, miss.HasAbove))
					} else {
						verdict = fmt.Sprintf("unsendable\t%s\t%s", near(miss.Below, miss.HasBelow),
							near(miss.Above, miss.HasAbove))
					}
				} else if err != nil {
					return err
				}
				fmt.Fprintf(out, "%s\tcheck\t%d\t%s\n", head, n, verdict)
			}
		}
	}
	return nil
}

// fatal stops the program on an error a corpus row should never cause.
func fatal(err error) {
	fmt.Fprintln(os.Stderr, "differential:", err)
	os.Exit(1)
}
