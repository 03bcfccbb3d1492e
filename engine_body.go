package omicall

import (
	"errors"
	"io"
	"net/http"
)

// readBody reads a whole response body and closes it. A body over limit
// bytes is an error.
//
// The buffer grows with what arrives, never ahead of it by more than a
// factor: it starts at most maxPreSize, and each time it fills it grows
// eightfold, but never past the declared Content-Length (+1, to see EOF
// without growing again), or twofold when no length is declared. A page of
// up to 512 KiB is read with one regrowth, and a stalled response declaring
// a large body holds no more than eight times what it has sent (64 KiB when
// it sent nothing).
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	if resp.ContentLength > limit {
		return nil, errBodyTooLarge
	}
	want, factor := limit+1, int64(2) // the most read: one byte over the cap tells it is too large
	if resp.ContentLength >= 0 {
		want, factor = resp.ContentLength+1, 8
	}
	buf := make([]byte, 0, min(want, maxPreSize))
	for {
		if len(buf) == cap(buf) {
			next := int64(cap(buf)) * factor
			if next > want && want > int64(cap(buf)) {
				next = want // the declared size, now that the body is arriving
			}
			next = min(next, limit+1)
			if next <= int64(cap(buf)) { // the cap is reached
				return nil, errBodyTooLarge
			}
			buf = append(make([]byte, 0, next), buf...)
		}
		n, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, errBodyTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// maxPreSize is the most readBody allocates for a body before it arrives.
const maxPreSize = 64 << 10

// errBodyTooLarge is a response over the size cap (32 MiB).
var errBodyTooLarge = errors.New("response body too large")
