package ledger

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Witness checks the log's latest checkpoint as VerifyRemote does (the
// signature, and consistency with the checkpoint it saw last), then signs
// it with its own key and sends the cosigned note back to the log. A log
// that showed two different histories to two audiences would need two
// consistent-looking trees, which a witness that remembers refuses.
func Witness(ctx context.Context, c *Client, logKey string, witness note.Signer, st *State, checkRecords bool) (Report, error) {
	rep, err := VerifyRemote(ctx, c, logKey, st, checkRecords)
	if err != nil {
		return rep, err
	}
	v, err := note.NewVerifier(st.Key)
	if err != nil {
		return rep, err
	}
	n, err := note.Open([]byte(st.Checkpoint), note.VerifierList(v))
	if err != nil {
		return rep, err
	}
	msg, err := note.Sign(n, witness)
	if err != nil {
		return rep, fmt.Errorf("cosign: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Base, "/")+"/witness", bytes.NewReader(msg))
	if err != nil {
		return rep, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return rep, fmt.Errorf("send cosignature: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return rep, fmt.Errorf("the log refused the cosignature: %s %s", resp.Status, strings.TrimSpace(string(b)))
	}
	return rep, nil
}
