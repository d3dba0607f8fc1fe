package ledger

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// WitnessPath is where a witness that listens (`bursa witness --listen`)
// serves the last checkpoint of the log it cosigned.
const WitnessPath = "/checkpoint"

// AskWitnesses asks each witness at urls for the last checkpoint of this
// log it cosigned, and observes it before the log signs anything: a
// restored older copy of the database (with the checkpoint file beside
// the key lost too) would otherwise sign a second tree of a size it had
// signed before, in the minutes until the witness next polls. A
// checkpoint the database does not hold freezes the log (Observe) and
// AskWitnesses returns the *FrozenError. A witness that cannot be reached,
// or has not cosigned this log yet, is skipped and named in skipped: a log
// must not stop because a union's server is down.
func (l *Log) AskWitnesses(ctx context.Context, c *http.Client, urls []string) (asked int, skipped []string, err error) {
	for _, u := range urls {
		msg, err := fetchCheckpoint(ctx, c, u)
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("%s: %v", u, err))
			continue
		}
		if msg == nil {
			continue // nothing cosigned yet
		}
		err = l.Observe(ctx, msg)
		var fe *FrozenError
		if errors.As(err, &fe) {
			return asked + 1, skipped, err
		}
		if err != nil {
			// Not a checkpoint of this log's key (another log, another
			// epoch's key): the witness cannot speak for this one.
			skipped = append(skipped, fmt.Sprintf("%s: %v", u, err))
			continue
		}
		asked++
	}
	return asked, skipped, nil
}

// fetchCheckpoint gets a witness's remembered checkpoint; nil when it has
// none (404).
func fetchCheckpoint(ctx context.Context, c *http.Client, base string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+WitnessPath, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("answered %d", resp.StatusCode)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 16<<10))
}

// WitnessHandler serves the last checkpoint a witness cosigned, read from
// its state file by load at each request, for the logs that ask at start.
func WitnessHandler(load func() (State, error)) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+WitnessPath, func(w http.ResponseWriter, r *http.Request) {
		st, err := load()
		if err != nil {
			http.Error(w, "state unreadable", http.StatusInternalServerError)
			return
		}
		if st.Checkpoint == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, st.Checkpoint)
	})
	return mux
}
