package wsclose_test

import (
	"bufio"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
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

// optionalCode decodes a code column where "-" means none.
func optionalCode(t *testing.T, row map[string]string, column string) (wsclose.CloseCode, bool) {
	t.Helper()
	if row[column] == "-" {
		return 0, false
	}
	return wsclose.CloseCode(atoi(t, row, column)), true
}
