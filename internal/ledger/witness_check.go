package ledger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	fnote "github.com/transparency-dev/formats/note"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// CheckReceipt checks a receipt: the record is in the tree its checkpoint
// signs, and that tree is a prefix of the one just verified (rep), so the
// record is still in the log the public sees.
func CheckReceipt(ctx context.Context, c *Client, key string, rep Report, p Proof) error {
	t, err := CheckProof(p, key)
	if err != nil {
		return err
	}
	if t.N > rep.Size {
		return fmt.Errorf("the receipt's checkpoint (%d records) is beyond the log's (%d)", t.N, rep.Size)
	}
	cur := tlog.Tree{N: rep.Size, Hash: rep.Root}
	hr := tlog.TileHashReader(cur, tileReader{ctx, c})
	proof, err := tlog.ProveTree(cur.N, t.N, hr)
	if err != nil {
		return fmt.Errorf("consistency proof: %w", err)
	}
	if err := tlog.CheckTree(proof, cur.N, cur.Hash, t.N, t.Hash); err != nil {
		return fmt.Errorf("the receipt's tree is not part of the current log: %w", err)
	}
	return nil
}

// recordOfHash is the record whose append wrote stored hash i: a hash at
// level L, position k covers records k·2^L … (k+1)·2^L−1 and is written by
// the last of them.
func recordOfHash(i int64) int64 {
	level, k := tlog.SplitStoredHashIndex(i)
	return (k+1)<<uint(level) - 1
}

// Witnessed names, for a witness a verifier requires, the checkpoint it
// cosigned that the verified tree extends.
type Witnessed struct {
	Witness string    // the witness's name
	Size    int64     // records in the tree it cosigned
	At      time.Time // when it cosigned (the cosignature's own timestamp)
}

// CheckWitnesses makes sure that each witness in witnessKeys (plain Ed25519
// verifier keys) cosigned, in the C2SP cosignature/v1 form and no longer
// than maxAge before now, a checkpoint of this log that the tree rep
// verified extends. A log that showed this verifier a history of its own
// would need a witness to have signed it too, and a witness remembers what
// it signed and refuses a fork. The age bound matters because the log
// chooses which cosignatures it serves: without it, it could serve one from
// before it rewrote its history.
func CheckWitnesses(ctx context.Context, c *Client, logKey string, rep Report, witnessKeys []string, now time.Time, maxAge time.Duration) ([]Witnessed, error) {
	lv, err := note.NewVerifier(logKey)
	if err != nil {
		return nil, fmt.Errorf("verifier key: %w", err)
	}
	b, err := c.Get(ctx, "cosignatures")
	if err != nil {
		return nil, fmt.Errorf("fetch cosignatures: %w", err)
	}
	var listed []Cosignature
	if err := json.Unmarshal(b, &listed); err != nil {
		return nil, fmt.Errorf("cosignatures: %w", err)
	}
	tree := tlog.Tree{N: rep.Size, Hash: rep.Root}
	hr := tlog.TileHashReader(tree, tileReader{ctx, c})
	var out []Witnessed
	for _, k := range witnessKeys {
		wv, err := NewCosignatureVerifier(k)
		if err != nil {
			return nil, fmt.Errorf("witness key %q: %w", k, err)
		}
		if wv.Name() == lv.Name() {
			return nil, fmt.Errorf("witness key %q carries the log's own name", k)
		}
		// The largest fresh cosigned tree not beyond the verified one.
		var best *Witnessed
		var bestTree tlog.Tree
		for _, cs := range listed {
			if cs.Size <= 0 || cs.Size > tree.N || (best != nil && cs.Size <= best.Size) {
				continue
			}
			n, err := note.Open([]byte(cs.Note), note.VerifierList(lv, wv))
			if err != nil || !signedBy(n, lv) || !signedBy(n, wv) {
				continue
			}
			_, t, err := ParseCheckpointBody(n.Text)
			if err != nil || t.N != cs.Size {
				continue
			}
			at, ok := cosignedAt(n, wv)
			if !ok || now.Sub(at) > maxAge || at.After(now.Add(time.Hour)) {
				continue
			}
			best, bestTree = &Witnessed{Witness: wv.Name(), Size: t.N, At: at}, t
		}
		if best == nil {
			return out, fmt.Errorf("no checkpoint of 1 to %d records cosigned by witness %s in the last %s", tree.N, wv.Name(), maxAge)
		}
		if bestTree.N == tree.N {
			if bestTree.Hash != tree.Hash {
				return out, fmt.Errorf("witness %s cosigned another tree of %d records than the one served", wv.Name(), tree.N)
			}
		} else {
			p, err := tlog.ProveTree(tree.N, bestTree.N, hr)
			if err != nil {
				return out, fmt.Errorf("consistency with witness %s: %w", wv.Name(), err)
			}
			if err := tlog.CheckTree(p, tree.N, tree.Hash, bestTree.N, bestTree.Hash); err != nil {
				return out, fmt.Errorf("the served tree does not extend the one witness %s cosigned at %d records: %w", wv.Name(), bestTree.N, err)
			}
		}
		out = append(out, *best)
	}
	return out, nil
}

// cosignedAt is the time in v's cosignature/v1 signature on n.
func cosignedAt(n *note.Note, v note.Verifier) (time.Time, bool) {
	for _, s := range n.Sigs {
		if s.Name == v.Name() && s.Hash == v.KeyHash() {
			at, err := fnote.CoSigV1Timestamp(s)
			return at, err == nil
		}
	}
	return time.Time{}, false
}

// CosignedAt is the time in witness v's cosignature/v1 signature on the
// note msg, as the witness wrote it; false when v did not sign it.
func CosignedAt(msg []byte, v note.Verifier) (time.Time, bool) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		var unv *note.UnverifiedNoteError
		if !errors.As(err, &unv) {
			return time.Time{}, false
		}
		n = unv.Note
	}
	return cosignedAt(n, v)
}
