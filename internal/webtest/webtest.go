// Package webtest holds the HTTP clients of the web server's tests (package
// web's and symdiff serve's load test in package cli): a plain POST and a
// slowloris one.
package webtest

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// Post sends body to url as JSON with c and returns the status and the
// answer.
func Post(c *http.Client, url, body string) (int, []byte, error) {
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// SlowPost sends the headers of a POST of body to path on addr, then the
// body a byte every interval (a slowloris), and returns the answer, which
// comes when the server gives up on the body. It gives up itself after
// 30 seconds.
func SlowPost(addr, path, body string, interval time.Duration) (int, []byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, nil, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, addr, len(body))
	done := make(chan struct{})
	go func() {
		for i := range len(body) {
			select {
			case <-done:
				return
			case <-time.After(interval):
			}
			if _, err := c.Write([]byte{body[i]}); err != nil {
				return
			}
		}
	}()
	defer close(done)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}
