package ledger

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
	if errors.Is(err, ErrRewound) && st.Checkpoint != "" {
		// The log shows less than it signed before (a restored older
		// copy?): tell it what it signed, so it stops writing into a
		// history it would have to fork. The log checks its own signature
		// and answers 409 when it froze on it.
		code, body, perr := post(ctx, c, []byte(st.Checkpoint))
		if perr != nil || code != http.StatusConflict {
			return rep, fmt.Errorf("%w (posting back the checkpoint of %d records remembered: %d %s %v)", err, st.Size, code, body, perr)
		}
		return rep, fmt.Errorf("%w (posted back the checkpoint of %d records remembered: the log refuses writes until its operator restores a later copy or announces the loss)", err, st.Size)
	}
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
	code, body, err := post(ctx, c, msg)
	if err != nil {
		return rep, fmt.Errorf("send cosignature: %w", err)
	}
	if code != http.StatusNoContent {
		return rep, fmt.Errorf("the log refused the cosignature: %d %s", code, body)
	}
	return rep, nil
}

// post sends a note to the log's witness endpoint and returns the answer's
// status and text.
func post(ctx context.Context, c *Client, msg []byte) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Base, "/")+"/witness", bytes.NewReader(msg))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	return resp.StatusCode, strings.TrimSpace(string(b)), nil
}
