package ledger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// State is what a verifier remembers between runs: the key it trusted and
// the last checkpoint it checked.
type State struct {
	Key        string `json:"key"`
	Size       int64  `json:"size"`
	Checkpoint string `json:"checkpoint"`
}

// Client reads a log over HTTP.
type Client struct {
	Base string // e.g. https://bursa.example/ledger
	HTTP *http.Client
}

// Get reads one path under the log's base address: a 64 MB answer at most,
// and anything but 200 is an error.
func (c *Client) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(c.Base, "/")+"/"+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return b, nil
}

// tileReader fetches tiles for tlog.TileHashReader, which checks each
// against the signed root before it is used.
type tileReader struct {
	ctx context.Context
	c   *Client
}

func (r tileReader) Height() int { return TileHeight }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		b, err := r.c.Get(r.ctx, t.Path())
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

// Report is what a remote verification found.
type Report struct {
	Origin   string
	Size     int64
	Root     tlog.Hash
	Previous int64 // size of the checkpoint remembered from the last run
	Records  int64 // records checked one by one against the tree
	// Notices are the loss notices followed from the origin remembered
	// (or of the key given) to the one served, oldest first.
	Notices []Notice
	// LostSeen is the range [from, to) of records this verifier saw before
	// that an announced loss took away; zero when none.
	LostSeen [2]int64
}

// ErrRewound marks a log that shows less than, or other than, what this
// verifier saw before: it shrank, or its history changed, with no loss
// notice to say so.
var ErrRewound = errors.New("the log went back on a checkpoint it signed")

// VerifyRemote fetches the checkpoint, checks its signature with key (or, on
// a first run without one, the key the log publishes, which is then
// remembered), checks that the tree is an extension of the one seen last
// time, and checks every record from the data tiles against the tree. It
// updates st on success.
//
// A checkpoint under another origin than the key's is accepted only through
// signed loss notices (/ledger/notices): a chain of them, each signed by
// the key trusted so far, leads to the served origin; the notice the chain
// starts with must cover the checkpoint remembered (the loss it announces
// reaches at least that far); the served tree must extend the tree the last
// notice kept and hold that notice as the record after it; and records the
// verifier saw that the kept tree still holds must be unchanged.
func VerifyRemote(ctx context.Context, c *Client, key string, st *State, checkRecords bool) (Report, error) {
	var rep Report
	if key == "" {
		key = st.Key
	}
	if key == "" {
		b, err := c.Get(ctx, "key")
		if err != nil {
			return rep, fmt.Errorf("fetch key: %w", err)
		}
		key = strings.TrimSpace(string(b))
	}
	if st.Key != "" && st.Key != key {
		return rep, fmt.Errorf("the log's key changed since the last check (was %s)", st.Key)
	}
	v, err := note.NewVerifier(key)
	if err != nil {
		return rep, fmt.Errorf("verifier key: %w", err)
	}
	msg, err := c.Get(ctx, "checkpoint")
	if err != nil {
		return rep, fmt.Errorf("fetch checkpoint: %w", err)
	}
	var chain []noticeStep
	if served, _, _ := strings.Cut(string(msg), "\n"); served != v.Name() {
		if chain, err = followNotices(ctx, c, v, served); err != nil {
			return rep, err
		}
		key = chain[len(chain)-1].notice.NextKey
		v = mustVerifier(key)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return rep, fmt.Errorf("checkpoint signature: %w", err)
	}
	origin, tree, err := ParseCheckpointBody(n.Text)
	if err != nil {
		return rep, err
	}
	if origin != v.Name() {
		return rep, fmt.Errorf("checkpoint origin %q is not the key's name %q", origin, v.Name())
	}
	rep.Origin, rep.Size, rep.Root = origin, tree.N, tree.Hash
	hr := tlog.TileHashReader(tree, tileReader{ctx, c})
	var old tlog.Tree // the tree remembered, if any
	if st.Checkpoint != "" {
		on, err := note.Open([]byte(st.Checkpoint), note.VerifierList(mustVerifier(st.Key)))
		if err != nil {
			return rep, fmt.Errorf("remembered checkpoint: %w", err)
		}
		if _, old, err = ParseCheckpointBody(on.Text); err != nil {
			return rep, err
		}
		rep.Previous = old.N
	}
	if len(chain) > 0 {
		for _, s := range chain {
			rep.Notices = append(rep.Notices, s.notice)
		}
		last := chain[len(chain)-1].notice
		if tree.N <= last.Kept.N {
			return rep, fmt.Errorf("the tree of %s (%d records) does not hold its loss notice, record %d", origin, tree.N, last.Kept.N)
		}
		if err := extends(hr, tree, last.Kept.Tree); err != nil {
			return rep, fmt.Errorf("the tree of %s does not extend the tree its loss notice kept (%d records): %w", origin, last.Kept.N, err)
		}
		if err := checkNoticeRecord(ctx, c, hr, last.Kept.N, chain[len(chain)-1].msg); err != nil {
			return rep, err
		}
		if st.Checkpoint != "" {
			first := chain[0].notice
			if first.Lost.Origin == chain[0].from {
				if old.N > first.Lost.N {
					return rep, fmt.Errorf("%w: this verifier saw %d records of %s, but the loss notice admits only %d", ErrRewound, old.N, first.Lost.Origin, first.Lost.N)
				}
				if old.N == first.Lost.N && old.Hash != first.Lost.Hash {
					return rep, fmt.Errorf("%w: the log signed two trees of %d records of %s, the one this verifier saw and the one its loss notice names", ErrRewound, old.N, first.Lost.Origin)
				}
			}
			if old.N <= last.Kept.N {
				if err := extends(hr, tree, old); err != nil {
					return rep, fmt.Errorf("%w: the loss notice keeps %d records, but the first %d are not the ones this verifier saw: %v", ErrRewound, last.Kept.N, old.N, err)
				}
			} else {
				rep.LostSeen = [2]int64{last.Kept.N, old.N}
			}
		}
	} else if st.Checkpoint != "" {
		if old.N > tree.N {
			return rep, fmt.Errorf("%w: the log shrank from %d to %d records (a restored older copy? the operator must restore a later one or announce the loss)", ErrRewound, old.N, tree.N)
		}
		if err := extends(hr, tree, old); err != nil {
			return rep, fmt.Errorf("%w: the log's history changed since the checkpoint of %d records: %v", ErrRewound, old.N, err)
		}
	}
	// Every record against the tree: data tiles hold the records, hash
	// tiles (checked against the signed root) their hashes.
	for start := int64(0); checkRecords && start < tree.N; start += 1 << TileHeight {
		w := min(int64(1<<TileHeight), tree.N-start)
		t := tlog.Tile{H: TileHeight, L: -1, N: start >> TileHeight, W: int(w)}
		data, err := c.Get(ctx, t.Path())
		if err != nil {
			return rep, fmt.Errorf("data tile %s: %w", t.Path(), err)
		}
		recs := strings.SplitAfter(string(data), "\n")
		if len(recs) > 0 && recs[len(recs)-1] == "" {
			recs = recs[:len(recs)-1]
		}
		idx := make([]int64, w)
		for i := range idx {
			idx[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		want, err := hr.ReadHashes(idx)
		if err != nil {
			return rep, fmt.Errorf("hashes of records %d–%d: %w", start, start+w-1, err)
		}
		if int64(len(recs)) > w {
			return rep, &BadRecordError{N: start + w, Reason: "its data tile holds more records than the tree"}
		}
		for i := int64(0); i < w; i++ {
			if i >= int64(len(recs)) {
				return rep, &BadRecordError{N: start + i, Reason: "missing from its data tile"}
			}
			if tlog.RecordHash([]byte(strings.TrimSuffix(recs[i], "\n"))) != want[i] {
				return rep, &BadRecordError{N: start + i, Reason: "its bytes do not hash to the signed tree"}
			}
		}
		rep.Records += w
	}
	st.Key, st.Size, st.Checkpoint = key, tree.N, string(msg)
	return rep, nil
}

// extends checks, with a consistency proof from hr, that tree extends old.
func extends(hr tlog.HashReader, tree, old tlog.Tree) error {
	if old.N == 0 {
		return nil
	}
	if old.N > tree.N {
		return fmt.Errorf("the tree has %d records, fewer than %d", tree.N, old.N)
	}
	p, err := tlog.ProveTree(tree.N, old.N, hr)
	if err != nil {
		return fmt.Errorf("consistency proof: %w", err)
	}
	return tlog.CheckTree(p, tree.N, tree.Hash, old.N, old.Hash)
}

// noticeStep is one loss notice a verifier followed from origin from.
type noticeStep struct {
	from   string
	msg    string
	notice Notice
}

// followNotices finds the chain of signed loss notices that leads from the
// origin of the trusted key to served: at each step, among the notices
// signed by the key trusted so far that speak for its origin (as the lost
// history or the kept tree), the one that begins the latest epoch.
func followNotices(ctx context.Context, c *Client, trusted note.Verifier, served string) ([]noticeStep, error) {
	b, err := c.Get(ctx, "notices")
	if err != nil {
		return nil, fmt.Errorf("%w: the log's origin changed from %s to %s, and it serves no loss notices: %v", ErrRewound, trusted.Name(), served, err)
	}
	var list []NoticeEntry
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("loss notices: %w", err)
	}
	var chain []noticeStep
	cur := trusted
	for range len(list) + 1 {
		if cur.Name() == served {
			return chain, nil
		}
		var best *noticeStep
		bestEpoch := 0
		for _, e := range list {
			n, _, err := openNotice(e.Notice, cur)
			if err != nil || (best != nil && e.Epoch <= bestEpoch) {
				continue
			}
			best, bestEpoch = &noticeStep{from: cur.Name(), msg: e.Notice, notice: n}, e.Epoch
		}
		if best == nil {
			return nil, fmt.Errorf("%w: the log now signs as %s, not %s, and no loss notice signed by the key of %s covers the change", ErrRewound, served, cur.Name(), cur.Name())
		}
		chain = append(chain, *best)
		cur = mustVerifier(best.notice.NextKey)
	}
	return nil, fmt.Errorf("the loss notices do not lead from %s to %s", trusted.Name(), served)
}

// checkNoticeRecord checks that record n of the tree hr reads is the loss
// notice msg.
func checkNoticeRecord(ctx context.Context, c *Client, hr tlog.HashReader, n int64, msg string) error {
	b, err := c.Get(ctx, fmt.Sprintf("record/%d", n))
	if err != nil {
		return fmt.Errorf("record %d, the loss notice: %w", n, err)
	}
	want, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, n)})
	if err != nil {
		return fmt.Errorf("record %d, the loss notice: %w", n, err)
	}
	if tlog.RecordHash(b) != want[0] {
		return &BadRecordError{N: n, Reason: "its bytes do not hash to the signed tree"}
	}
	if !isNoticeRecord(b, msg) {
		return &BadRecordError{N: n, Reason: "it is not the loss notice that begins this epoch"}
	}
	return nil
}

// LoadState reads a verifier's state file; a missing file is a first run.
func LoadState(path string) (State, error) {
	var st State
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	return st, json.Unmarshal(b, &st)
}

// SaveState writes it back.
func SaveState(path string, st State) error {
	b, _ := json.MarshalIndent(st, "", "  ")
	return os.WriteFile(path, b, 0o600)
}

// StatePath is where `bursa verify` remembers a log by default.
func StatePath(base string) string {
	u, err := url.Parse(base)
	name := "log"
	if err == nil {
		name = strings.NewReplacer(":", "_", "/", "_").Replace(u.Host + u.Path)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return dir + "/bursa-verify/" + name + ".json"
}

// NewHTTPClient is the verifier's HTTP client.
func NewHTTPClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }

// TileReader reads c's hash tiles for tlog.TileHashReader, which checks
// every tile against the signed root before it uses a hash in it: a
// verifier, a witness and a monitor trust only the checkpoint's signature.
func TileReader(ctx context.Context, c *Client) tlog.TileReader { return tileReader{ctx, c} }
