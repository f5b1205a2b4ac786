// Command differential is the Go column of the cross-language differential
// (docs/differential.md): it reads the corpus in tests/differential/ and writes the answers of
// the Go package's public API in the neutral format; `cargo run -p xtask -- differential DIR go`
// compares them with the core.
//
// Usage: go run ./internal/differential CORPUS_DIR OUT_FILE
//
// Sections: code, parse, encode. Go strings are bytes, so the encode rows go through both
// EncodeClosePayload (string) and EncodeClosePayloadBytes ([]byte); the two must agree, and
// the line written is theirs. Go has no UTF-16 strings, so there is no encode16 section.
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
	return os.WriteFile(outFile, out.Bytes(), 0o644)
}
