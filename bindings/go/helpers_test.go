package wsclose_test

import (
	"bufio"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// vectorDir is where the golden vectors live, relative to this package.
var vectorDir = filepath.Join("..", "..", "tests", "vectors")

// readVectors reads a golden-vector TSV file (format: docs/VECTORS.md) into one map per row,
// keyed by the header, and fails the test when it finds no rows.
func readVectors(t *testing.T, name string) []map[string]string {
	t.Helper()
	path := filepath.Join(vectorDir, name)
	file, err := os.Open(path)
	if err != nil {
		t.Fatalf("open golden vectors: %v", err)
	}
	defer file.Close()
	var header []string
	var rows []map[string]string
	scanner := bufio.NewScanner(file)
	for line := 1; scanner.Scan(); line++ {
		text := scanner.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if header == nil {
			header = fields
			continue
		}
		if len(fields) != len(header) {
			t.Fatalf("%s:%d: %d fields, header has %d", path, line, len(fields), len(header))
		}
		row := make(map[string]string, len(fields))
		for i, field := range fields {
			row[header[i]] = field
		}
		row["@line"] = path + ":" + strconv.Itoa(line)
		rows = append(rows, row)
	}
	if err := scanner.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows read; the golden vectors are missing or empty", path)
	}
	t.Logf("%s: %d rows", name, len(rows))
	return rows
}

func atoi(t *testing.T, row map[string]string, column string) int {
	t.Helper()
	n, err := strconv.Atoi(row[column])
	if err != nil {
		t.Fatalf("%s: column %s: %v", row["@line"], column, err)
	}
	return n
}

func flag(t *testing.T, row map[string]string, column string) bool {
	t.Helper()
	switch row[column] {
	case "1":
		return true
	case "0":
		return false
	}
	t.Fatalf("%s: column %s: %q is not 0 or 1", row["@line"], column, row[column])
	return false
}

// unhex decodes a hex field, where "-" is the empty byte string.
func unhex(t *testing.T, row map[string]string, column string) []byte {
	t.Helper()
	if row[column] == "-" {
		return []byte{}
	}
	b, err := hex.DecodeString(row[column])
	if err != nil {
		t.Fatalf("%s: column %s: %v", row["@line"], column, err)
	}
	return b
}

// The rules, written out independently of the library (see README: the ranges).

func ruleCategory(code int) int {
	switch {
	case code <= 999:
		return 0
	case code <= 1015:
		return 1
	case code <= 2999:
		return 2
	case code <= 3999:
		return 3
	case code <= 4999:
		return 4
	default:
		return 5
	}
}

func ruleSendable(code int) bool {
	return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)
}

func ruleLocalOnly(code int) bool { return code == 1005 || code == 1006 || code == 1015 }

func ruleBrowserCloseable(code int) bool { return code == 1000 || (code >= 3000 && code <= 4999) }

func ruleOK(code int) bool { return code == 1000 || code == 1001 || code == 1005 }

func ruleReconnect(code int) int {
	switch code {
	case 1001, 1005, 1006, 1011, 1012, 1013, 1014:
		return 1
	}
	if code >= 3000 && code <= 4999 {
		return 2
	}
	return 0
}

var ruleNames = map[int]string{
	1000: "Normal Closure", 1001: "Going Away", 1002: "Protocol Error", 1003: "Unsupported Data",
	1004: "Reserved", 1005: "No Status Received", 1006: "Abnormal Closure",
	1007: "Invalid Frame Payload Data", 1008: "Policy Violation", 1009: "Message Too Big",
	1010: "Mandatory Extension", 1011: "Internal Error", 1012: "Service Restart",
	1013: "Try Again Later", 1014: "Bad Gateway", 1015: "TLS Handshake",
}
