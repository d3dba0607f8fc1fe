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

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// BadRecordError names the first record that does not hold.
type BadRecordError struct {
	N      int64
	Reason string
}

func (e *BadRecordError) Error() string { return fmt.Sprintf("record %d: %s", e.N, e.Reason) }

// VerifyDB recomputes the whole tree from the stored records, compares every
// stored hash and the latest checkpoint's root, and returns the tree. It
// streams the records, holding only the stored hashes (64 bytes a record).
func VerifyDB(ctx context.Context, d *db.DB, vkey string) (tlog.Tree, error) {
	rep, err := VerifyDBReport(ctx, d, vkey)
	return rep.Tree, err
}

// DBReport is what VerifyDBReport found.
type DBReport struct {
	Tree        tlog.Tree
	Origin      string   // the origin the log signs as now ("" without a key)
	Notices     []Notice // announced losses, oldest first
	Checkpoints int      // checkpoints checked
}

// VerifyDBReport is VerifyDB that also reports the log's epochs. With vkey
// (the log's first key, as in ledger.key) every loss notice must be signed
// by a key the chain from vkey trusts, be the record it names, and keep the
// tree it says; every checkpoint must be signed under an origin the chain
// introduces and, after a loss, hold its epoch's notice.
func VerifyDBReport(ctx context.Context, d *db.DB, vkey string) (DBReport, error) {
	var rep DBReport
	t, reader, err := verifyHashes(ctx, d)
	rep.Tree = t
	if err != nil || vkey == "" {
		return rep, err
	}
	size := t.N
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return rep, err
	}
	rep.Origin = v.Name()
	known := map[string]note.Verifier{v.Name(): v}
	first := map[string]int64{} // origin → its notice's record
	notices, err := Notices(ctx, d)
	if err != nil {
		return rep, err
	}
	for _, e := range notices {
		var trusted []note.Verifier
		for _, kv := range known {
			trusted = append(trusted, kv)
		}
		n, _, err := openNotice(e.Notice, trusted...)
		if err != nil {
			return rep, fmt.Errorf("the loss notice of epoch %d: %w", e.Epoch, err)
		}
		if n.Next != e.Origin || n.NextKey != e.Key || n.Kept.N != e.Record {
			return rep, fmt.Errorf("the loss notice of epoch %d is stored as %s, key %s, record %d, but says %s, key %s, record %d",
				e.Epoch, e.Origin, e.Key, e.Record, n.Next, n.NextKey, n.Kept.N)
		}
		if n.Kept.N >= size {
			return rep, &BadRecordError{N: n.Kept.N, Reason: "the loss notice of epoch " + fmt.Sprint(e.Epoch) + " is not in the log"}
		}
		b, err := Record(ctx, d, n.Kept.N)
		if err != nil {
			return rep, err
		}
		if !isNoticeRecord(b, e.Notice) {
			return rep, &BadRecordError{N: n.Kept.N, Reason: "it is not the loss notice of epoch " + fmt.Sprint(e.Epoch)}
		}
		want := tlog.Hash{}
		if n.Kept.N > 0 {
			if want, err = tlog.TreeHash(n.Kept.N, reader); err != nil {
				return rep, err
			}
		}
		if want != n.Kept.Hash {
			return rep, &BadRecordError{N: n.Kept.N - 1, Reason: fmt.Sprintf("the loss notice of epoch %d keeps another tree of %d records", e.Epoch, n.Kept.N)}
		}
		known[n.Next] = mustVerifier(n.NextKey)
		first[n.Next] = n.Kept.N
		rep.Notices = append(rep.Notices, n)
		rep.Origin = n.Next
	}
	// The signed checkpoints must match the recomputed tree at their sizes.
	crows, err := d.QueryContext(ctx, `SELECT size, note FROM ledger_checkpoints WHERE size <= ? ORDER BY size`, size)
	if err != nil {
		return rep, err
	}
	defer crows.Close()
	for crows.Next() {
		var cs int64
		var msg string
		if err := crows.Scan(&cs, &msg); err != nil {
			return rep, err
		}
		origin, _, _ := strings.Cut(msg, "\n")
		cv := known[origin]
		if cv == nil {
			return rep, fmt.Errorf("checkpoint at %d: signed as %q, an origin no loss notice introduces", cs, origin)
		}
		nt, err := note.Open([]byte(msg), note.VerifierList(cv))
		if err != nil {
			return rep, fmt.Errorf("checkpoint at %d: %w", cs, err)
		}
		_, ct, err := ParseCheckpointBody(nt.Text)
		if err != nil {
			return rep, err
		}
		if ct.N > size {
			return rep, &BadRecordError{N: size, Reason: fmt.Sprintf("a checkpoint signed %d records", ct.N)}
		}
		if k, ok := first[origin]; ok && ct.N <= k {
			return rep, &BadRecordError{N: k, Reason: fmt.Sprintf("the checkpoint of %d records of %s does not hold its epoch's loss notice", ct.N, origin)}
		}
		want := tlog.Hash{}
		if ct.N > 0 {
			if want, err = tlog.TreeHash(ct.N, reader); err != nil {
				return rep, err
			}
		}
		if want != ct.Hash {
			return rep, &BadRecordError{N: ct.N - 1, Reason: fmt.Sprintf("the checkpoint signed at size %d has another root", ct.N)}
		}
		rep.Checkpoints++
	}
	return rep, crows.Err()
}

// isNoticeRecord reports whether record b is the loss notice msg.
func isNoticeRecord(b []byte, msg string) bool {
	var r struct {
		Kind   string `json:"kind"`
		Notice string `json:"notice"`
	}
	return json.Unmarshal(b, &r) == nil && r.Kind == LossNotice && r.Notice == msg
}

// Behind says why the database does not hold the tree of checkpoint msg
// (signed by the log whose first key is vkey), "" when it does, and the
// reason the database is frozen, if it is.
func Behind(ctx context.Context, q db.Querier, vkey string, msg []byte) (why, frozen string, err error) {
	k, err := newKeys(vkey, nil)
	if err != nil {
		return "", "", err
	}
	cp, err := k.open(msg)
	if err != nil {
		return "", "", err
	}
	st, err := readState(ctx, q)
	if err != nil {
		return "", "", err
	}
	why, err = k.behind(ctx, q, st, cp)
	return why, st.frozen, err
}

// verifyHashes recomputes every stored hash from the records and returns
// the tree and a reader of the recomputed hashes.
func verifyHashes(ctx context.Context, d *db.DB) (tlog.Tree, tlog.HashReader, error) {
	size, err := Size(ctx, d)
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	hashes := make([]tlog.Hash, 0, tlog.StoredHashCount(size))
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			if x >= int64(len(hashes)) {
				return nil, fmt.Errorf("hash %d not computed yet", x)
			}
			out[i] = hashes[x]
		}
		return out, nil
	})
	// Everything is read up to the size read first: a live log keeps
	// growing while this runs, and what came after is not being checked.
	rows, err := d.QueryContext(ctx, `SELECT n, data FROM ledger_records WHERE n < ? ORDER BY n`, size)
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	var n int64
	for rows.Next() {
		var got int64
		var data []byte
		if err := rows.Scan(&got, &data); err != nil {
			rows.Close()
			return tlog.Tree{}, nil, err
		}
		if got != n {
			rows.Close()
			return tlog.Tree{}, nil, &BadRecordError{N: n, Reason: "missing"}
		}
		hs, err := tlog.StoredHashes(n, data, reader)
		if err != nil {
			rows.Close()
			return tlog.Tree{}, nil, err
		}
		hashes = append(hashes, hs...)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return tlog.Tree{}, nil, err
	}
	if n != size {
		return tlog.Tree{}, nil, &BadRecordError{N: n, Reason: fmt.Sprintf("the log says %d records, %d are stored", size, n)}
	}
	// Every stored hash must be the recomputed one; a mismatch names the
	// record whose hashes include it.
	hrows, err := d.QueryContext(ctx, `SELECT i, h FROM ledger_hashes WHERE i < ? ORDER BY i`, tlog.StoredHashCount(size))
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	var i int64
	for hrows.Next() {
		var idx int64
		var h []byte
		if err := hrows.Scan(&idx, &h); err != nil {
			hrows.Close()
			return tlog.Tree{}, nil, err
		}
		if idx != i || idx >= int64(len(hashes)) || string(h) != string(hashes[idx][:]) {
			hrows.Close()
			if idx != i {
				idx = i
			}
			return tlog.Tree{}, nil, &BadRecordError{N: recordOfHash(idx), Reason: fmt.Sprintf("stored hash %d differs from the recomputed tree", idx)}
		}
		i++
	}
	hrows.Close()
	if i != int64(len(hashes)) {
		return tlog.Tree{}, nil, &BadRecordError{N: recordOfHash(i), Reason: fmt.Sprintf("stored hash %d missing", i)}
	}
	t := tlog.Tree{N: size}
	if size > 0 {
		if t.Hash, err = tlog.TreeHash(size, reader); err != nil {
			return t, nil, err
		}
	}
	return t, reader, nil
}

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

func (c *Client) get(ctx context.Context, path string) ([]byte, error) {
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
		b, err := r.c.get(r.ctx, t.Path())
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
		b, err := c.get(ctx, "key")
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
	msg, err := c.get(ctx, "checkpoint")
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
		data, err := c.get(ctx, t.Path())
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
	b, err := c.get(ctx, "notices")
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
	b, err := c.get(ctx, fmt.Sprintf("record/%d", n))
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
	b, err := c.get(ctx, "cosignatures")
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
