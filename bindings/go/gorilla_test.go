package wsclose_test

// A differential test against github.com/gorilla/websocket. Its check of received close codes
// (isValidReceivedCloseCode) is unexported, so the test drives a real *websocket.Conn: a fake
// server on the other end of a net.Pipe completes the opening handshake and sends one Close
// frame, and the client's ReadMessage either reports a *websocket.CloseError (accepted) or a
// protocol error (rejected).

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// gorillaVerdict is what gorilla/websocket made of one Close frame.
type gorillaVerdict struct {
	accepted bool
	code     int    // when accepted: the code it reports
	reason   string // when accepted: the reason it reports
	err      string // when rejected: its error
}

// pipeTimeout bounds every step, so that a hang fails the test instead of stalling it.
const pipeTimeout = 10 * time.Second

// gorillaReceive sends payload as the body of a Close frame from a server to a gorilla client.
func gorillaReceive(payload []byte) (gorillaVerdict, error) {
	clientEnd, serverEnd := net.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	serverErr := make(chan error, 1)
	go func() {
		defer wg.Done()
		defer serverEnd.Close()
		_ = serverEnd.SetDeadline(time.Now().Add(pipeTimeout))
		reader := bufio.NewReader(serverEnd)
		request, err := http.ReadRequest(reader)
		if err != nil {
			serverErr <- fmt.Errorf("server: read handshake: %w", err)
			return
		}
		sum := sha1.Sum([]byte(request.Header.Get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		response := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
			"Sec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n\r\n"
		if _, err := io.WriteString(serverEnd, response); err != nil {
			serverErr <- fmt.Errorf("server: write handshake: %w", err)
			return
		}
		// Whatever the client sends back (its own Close frame) is read and dropped, so that
		// neither side blocks on the unbuffered pipe.
		go func() { _, _ = io.Copy(io.Discard, reader) }()
		frame := []byte{0x88} // FIN + opcode 8 (Close), unmasked as a server's frames are
		if len(payload) < 126 {
			frame = append(frame, byte(len(payload)))
		} else {
			frame = append(frame, 126, byte(len(payload)>>8), byte(len(payload)))
		}
		// An error here means the client hung up after rejecting the frame header.
		_, _ = serverEnd.Write(append(frame, payload...))
		serverErr <- nil
	}()

	dialer := websocket.Dialer{
		HandshakeTimeout: pipeTimeout,
		NetDialContext:   func(context.Context, string, string) (net.Conn, error) { return clientEnd, nil },
	}
	conn, _, err := dialer.Dial("ws://wsclose.test/", nil)
	if err != nil {
		clientEnd.Close()
		wg.Wait()
		return gorillaVerdict{}, fmt.Errorf("client handshake: %w (%v)", err, <-serverErr)
	}
	_ = conn.SetReadDeadline(time.Now().Add(pipeTimeout))
	_, _, readErr := conn.ReadMessage()
	conn.Close()
	wg.Wait()
	if err := <-serverErr; err != nil {
		return gorillaVerdict{}, err
	}
	var closeErr *websocket.CloseError
	if errors.As(readErr, &closeErr) {
		return gorillaVerdict{accepted: true, code: closeErr.Code, reason: closeErr.Text}, nil
	}
	if readErr == nil {
		return gorillaVerdict{}, errors.New("client: ReadMessage returned no error after a Close frame")
	}
	return gorillaVerdict{err: readErr.Error()}, nil
}

// Where wsclose and gorilla/websocket v1.5.3 disagree on a received close code, and why. Any
// code that differs and is not listed here, or is listed and does not differ, fails the test.
var knownGorillaCodeDifferences = map[int]string{
	1014: "gorilla/websocket v1.5.3 has no entry for 1014 (Bad Gateway, in the IANA registry) in " +
		"its table of valid received codes (validReceivedCloseCodes, conn.go), which ends at 1013 and " +
		"marks 1015 invalid; it fails the connection with a protocol error where wsclose accepts " +
		"1014 like every other sendable standard code",
}

func TestGorillaDifferentialCodes(t *testing.T) {
	var differences []int
	for c := 0; c <= 0xffff; c++ {
		payload := []byte{byte(c >> 8), byte(c)}
		theirs, err := gorillaReceive(payload)
		if err != nil {
			t.Fatalf("code %d: %v", c, err)
		}
		ours, ourErr := wsclose.ParseClosePayload(payload)
		if theirs.accepted && theirs.code != c {
			t.Fatalf("code %d: gorilla reported code %d", c, theirs.code)
		}
		if !theirs.accepted && !strings.Contains(theirs.err, "bad close code") {
			t.Fatalf("code %d: gorilla rejected it for another reason: %s", c, theirs.err)
		}
		if ourErr == nil && ours.Code != wsclose.CloseCode(c) {
			t.Fatalf("code %d: wsclose parsed code %d", c, ours.Code)
		}
		if theirs.accepted != (ourErr == nil) {
			differences = append(differences, c)
		}
	}
	for _, c := range differences {
		why, known := knownGorillaCodeDifferences[c]
		if !known {
			why = "UNEXPECTED"
		}
		ours := "rejects"
		if wsclose.Info(wsclose.CloseCode(c)).Sendable {
			ours = "accepts"
		}
		t.Logf("differs on code %d: wsclose %s it, gorilla does the opposite: %s", c, ours, why)
		if !known {
			t.Errorf("code %d: unexpected difference from gorilla/websocket", c)
		}
	}
	for c := range knownGorillaCodeDifferences {
		if i := sort.SearchInts(differences, c); i == len(differences) || differences[i] != c {
			t.Errorf("code %d is listed as a difference but both sides agree now", c)
		}
	}
	t.Logf("compared 65,536 codes with gorilla/websocket: %d differ %v", len(differences), differences)
}

// The golden parse vectors through gorilla: the same verdict, code and reason, except for the
// payload kinds listed here.
var knownGorillaPayloadDifferences = map[string]string{
	"ONE_BYTE": "gorilla reads a one-byte Close payload as if it were empty (1005, No Status " +
		"Received) instead of failing the connection, since it only looks for a code when the " +
		"payload has at least two bytes; RFC 6455 requires at least two bytes once the body is non-empty",
}

func TestGorillaDifferentialPayloads(t *testing.T) {
	seen := map[string]bool{}
	for _, row := range readVectors(t, "parse.tsv") {
		payload := unhex(t, row, "payload_hex")
		theirs, err := gorillaReceive(payload)
		if err != nil {
			t.Fatalf("%s: %v", row["@line"], err)
		}
		ours, ourErr := wsclose.ParseClosePayload(payload)
		same := theirs.accepted == (ourErr == nil)
		if same && theirs.accepted {
			same = theirs.code == int(ours.Code) && theirs.reason == ours.Reason
		}
		if same {
			continue
		}
		kind := row["result"]
		if why, known := knownGorillaPayloadDifferences[kind]; known {
			seen[kind] = true
			t.Logf("differs on payload %s (%s): wsclose says %q, gorilla %+v: %s", hex.EncodeToString(payload), kind, ourErr, theirs, why)
			continue
		}
		if kind == "INVALID_CODE" && len(payload) >= 2 {
			if _, known := knownGorillaCodeDifferences[int(payload[0])<<8|int(payload[1])]; known {
				continue // the code itself is a known difference
			}
		}
		if kind == "OK" && ours.Code == 1014 {
			continue // the code itself is a known difference
		}
		t.Errorf("%s: payload %x: wsclose %+v %v, gorilla %+v", row["@line"], payload, ours, ourErr, theirs)
	}
	for kind := range knownGorillaPayloadDifferences {
		if !seen[kind] {
			t.Errorf("%s is listed as a difference from gorilla but no vector showed it", kind)
		}
	}
}
