package ledger

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// TileHeight is the height of served tiles, as in Go's checksum database.
const TileHeight = 8

// Log serves the log: checkpoints signed with the operator's key, tiles,
// records and proofs.
type Log struct {
	DB     *db.DB
	Signer note.Signer
	// VerifierKey is the public key in note format ("name+hash+key"); its
	// name is the log's origin, the first line of every checkpoint.
	VerifierKey string
	// Witnesses are the verifier keys of the witnesses whose cosignatures
	// the log accepts and shows.
	Witnesses []string
	Now       func() time.Time
	// SignedPath is the file, outside the database, that keeps the last
	// checkpoint the log signed (data/ledger.checkpoint): it is written
	// before a checkpoint is published, and a database that does not hold
	// its tree is frozen (see guard.go). Empty: no such file (tests that
	// build a Log by hand).
	SignedPath string

	signMu sync.Mutex // one signature at a time in this process
	fileMu sync.Mutex // one writer of SignedPath in this process

	mu       sync.Mutex // guards the fields below
	fam      *keys      // the key under every origin, see keys()
	ro       string     // ReadOnly's answer, read at roAt
	roAt     time.Time
	lastMsg  string // the last checkpoint whose signature was checked
	lastTree tlog.Tree
	// latest caches the newest checkpoint for up to a second (checkpoints
	// are signed at most once a second), saving proofs a query.
	latest   []byte
	latestAt time.Time
	upper    map[int64]tlog.Hash // stored hashes of levels >= upperLevel, see proofReader
}

// Origin is the log's name, the first line of its checkpoints.
func (l *Log) Origin() string { return l.Signer.Name() }

// LoadKey reads the log's signing key from path, or makes one named name
// (the origin) on first run and writes it there, readable by the owner
// only. The file holds the private key and the public verifier key, one
// per line.
func LoadKey(path, name string) (note.Signer, string, error) {
	skey, vkey, err := loadKeyFile(path, name)
	if err != nil {
		return nil, "", err
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, "", fmt.Errorf("ledger key %s: %w", path, err)
	}
	return s, vkey, nil
}

// LoadCosigner is LoadKey for a witness: the same key file, but the signer
// makes C2SP tlog-cosignature (cosignature/v1) signatures, which carry the
// time the witness checked the checkpoint. Its verifier key is the plain
// Ed25519 one; NewCosignatureVerifier reads it.
func LoadCosigner(path, name string) (note.Signer, string, error) {
	skey, vkey, err := loadKeyFile(path, name)
	if err != nil {
		return nil, "", err
	}
	s, err := fnote.NewSignerForCosignatureV1(skey)
	if err != nil {
		return nil, "", fmt.Errorf("witness key %s: %w", path, err)
	}
	return s, vkey, nil
}

// NewCosignatureVerifier checks a witness's cosignature/v1 signatures made
// with the key whose (plain Ed25519) verifier key is vkey.
func NewCosignatureVerifier(vkey string) (note.Verifier, error) {
	return fnote.NewVerifierForCosignatureV1(vkey)
}

func loadKeyFile(path, name string) (skey, vkey string, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		skey, vkey, err := note.GenerateKey(rand.Reader, name)
		if err != nil {
			return "", "", fmt.Errorf("ledger key: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return "", "", fmt.Errorf("ledger key: %w", err)
		}
		if err := os.WriteFile(path, []byte(skey+"\n"+vkey+"\n"), 0o600); err != nil {
			return "", "", fmt.Errorf("ledger key: %w", err)
		}
		b = []byte(skey + "\n" + vkey + "\n")
	} else if err != nil {
		return "", "", fmt.Errorf("ledger key: %w", err)
	}
	lines := strings.Fields(string(b))
	if len(lines) != 2 {
		return "", "", fmt.Errorf("ledger key %s: want two lines, the signer and the verifier key", path)
	}
	if _, err := note.NewVerifier(lines[1]); err != nil {
		return "", "", fmt.Errorf("ledger key %s: %w", path, err)
	}
	return lines[0], lines[1], nil
}

// CheckpointBody is the C2SP tlog-checkpoint body: origin, tree size and
// base64 root hash, one per line.
func CheckpointBody(origin string, t tlog.Tree) string {
	return fmt.Sprintf("%s\n%d\n%s\n", origin, t.N, base64.StdEncoding.EncodeToString(t.Hash[:]))
}

// ParseCheckpointBody reads a checkpoint body back.
func ParseCheckpointBody(text string) (origin string, t tlog.Tree, err error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", t, errors.New("checkpoint: want origin, size and root hash lines")
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 {
		return "", t, fmt.Errorf("checkpoint: bad size %q", lines[1])
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return "", t, fmt.Errorf("checkpoint: bad root hash %q", lines[2])
	}
	return lines[0], tlog.Tree{N: n, Hash: tlog.Hash(h)}, nil
}

// Tree returns the current size and root hash.
func (l *Log) Tree(ctx context.Context) (tlog.Tree, error) {
	n, err := Size(ctx, l.DB)
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("ledger size: %w", err)
	}
	return treeAt(ctx, l.DB, n)
}

func treeAt(ctx context.Context, q db.Querier, n int64) (tlog.Tree, error) {
	if n == 0 {
		return tlog.Tree{}, nil
	}
	h, err := tlog.TreeHash(n, dbHashes{ctx, q})
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("ledger root at %d: %w", n, err)
	}
	return tlog.Tree{N: n, Hash: h}, nil
}

// Checkpoint signs the current tree if it grew since the last checkpoint and
// returns the latest signed checkpoint. serve calls it every second; readers
// of /ledger/checkpoint get the stored one. It never signs while the log is
// frozen, nor a tree that does not extend the last checkpoint kept outside
// the database (that freezes the log): the log never signs two trees of one
// size.
func (l *Log) Checkpoint(ctx context.Context) ([]byte, error) {
	l.signMu.Lock()
	defer l.signMu.Unlock()
	k, err := l.keys()
	if err != nil {
		return nil, err
	}
	st, err := readState(ctx, l.DB)
	if err != nil {
		return nil, err
	}
	if st.frozen == "" {
		epoch, origin := st.epoch(k)
		if origin != l.Origin() {
			return nil, fmt.Errorf("ledger: the database's log is now %s, but this process signs as %s: restart it", origin, l.Origin())
		}
		t, err := treeAt(ctx, l.DB, st.size)
		if err != nil {
			return nil, err
		}
		var last sql.NullInt64
		if err := l.DB.QueryRowContext(ctx, `SELECT MAX(size) FROM ledger_checkpoints`).Scan(&last); err != nil {
			return nil, fmt.Errorf("ledger checkpoint: %w", err)
		}
		if !last.Valid || last.Int64 < t.N {
			if err := l.sign(ctx, k, st, signedTree{origin: origin, epoch: epoch, tree: t}); err != nil {
				return nil, err
			}
		}
	}
	msg, ok, err := l.latestStored(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &FrozenError{Reason: st.frozen}
	}
	return msg, nil
}

// sign signs cp's tree after checking it extends the last signed one, keeps
// the checkpoint outside the database, then publishes it (stores it).
func (l *Log) sign(ctx context.Context, k keys, st dbState, cp signedTree) error {
	if err := l.mustExtend(ctx, k, st, cp.origin, cp.tree); err != nil {
		return err
	}
	if l.DB.Dialect() == db.SQLite {
		// With synchronous=NORMAL a commit is safe from a crash of the
		// process but not of the machine until the WAL is synced; a
		// checkpoint of the WAL syncs it, so the tree about to be signed
		// is on disk before anyone sees its signature.
		if _, err := l.DB.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			return fmt.Errorf("ledger checkpoint: sync the database: %w", err)
		}
	}
	msg, err := note.Sign(&note.Note{Text: CheckpointBody(cp.origin, cp.tree)}, l.Signer)
	if err != nil {
		return fmt.Errorf("ledger checkpoint: %w", err)
	}
	cp.msg = string(msg)
	// Outside the database first: a checkpoint nobody was shown may be
	// remembered, but never one shown and forgotten.
	if err := l.writeSigned(k, cp); err != nil {
		return fmt.Errorf("ledger checkpoint: keep it outside the database: %w", err)
	}
	_, err = l.DB.ExecContext(ctx, `INSERT INTO ledger_checkpoints (size, note, created_at) VALUES (?, ?, ?)`, cp.tree.N, cp.msg, l.Now().UTC())
	if err != nil && !db.IsUniqueViolation(err) {
		return fmt.Errorf("ledger checkpoint: %w", err)
	}
	l.mu.Lock()
	l.latest = nil // the next reader sees the new checkpoint
	l.mu.Unlock()
	return nil
}

// latestStored reads the latest stored checkpoint; ok is false when there
// is none.
func (l *Log) latestStored(ctx context.Context) ([]byte, bool, error) {
	var msg string
	err := l.DB.QueryRowContext(ctx, `SELECT note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&msg)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("ledger checkpoint: %w", err)
	}
	return []byte(msg), true, nil
}

// Latest returns the latest stored checkpoint (at most a second old).
func (l *Log) Latest(ctx context.Context) ([]byte, error) {
	now := time.Now()
	l.mu.Lock()
	if l.latest != nil && now.Sub(l.latestAt) < time.Second && now.After(l.latestAt) {
		b := l.latest
		l.mu.Unlock()
		return b, nil
	}
	l.mu.Unlock()
	msg, ok, err := l.latestStored(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return l.Checkpoint(ctx)
	}
	l.mu.Lock()
	l.latest, l.latestAt = msg, now
	l.mu.Unlock()
	return msg, nil
}

// Published returns the size of the latest checkpoint: tiles and proofs are
// served up to it, never beyond what has been signed.
func (l *Log) Published(ctx context.Context) (tlog.Tree, []byte, error) {
	msg, err := l.Latest(ctx)
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	// The signature check costs more than the rest of a proof: do it once
	// per checkpoint, not once per request.
	l.mu.Lock()
	if l.lastMsg == string(msg) {
		t := l.lastTree
		l.mu.Unlock()
		return t, msg, nil
	}
	l.mu.Unlock()
	// Any of the log's origins: after an announced loss a process that
	// has not restarted yet still serves the new epoch's checkpoints.
	k, err := l.keys()
	if err != nil {
		return tlog.Tree{}, nil, err
	}
	cp, err := k.open(msg)
	if err != nil {
		return tlog.Tree{}, nil, fmt.Errorf("ledger: own checkpoint does not verify: %w", err)
	}
	t := cp.tree
	l.mu.Lock()
	if t.N < l.lastTree.N {
		// The log got smaller under a running process (a restored backup,
		// a lagging replica): the hashes kept from the bigger tree may not
		// be this tree's.
		l.upper = nil
	}
	l.lastMsg, l.lastTree = string(msg), t
	l.mu.Unlock()
	return t, msg, nil
}

func (l *Log) verifier() note.Verifier {
	v, err := note.NewVerifier(l.VerifierKey)
	if err != nil {
		panic("ledger: verifier key checked at load: " + err.Error())
	}
	return v
}

// Tile returns the tile at a tlog tile path ("tile/8/0/001",
// "tile/8/data/001.p/5"), if the published tree covers it. A data tile is
// its records, each followed by a newline.
func (l *Log) Tile(ctx context.Context, path string) ([]byte, error) {
	t, err := tlog.ParseTilePath(path)
	if err != nil || t.H != TileHeight {
		return nil, db.ErrNotFound
	}
	pub, _, err := l.Published(ctx)
	if err != nil {
		return nil, err
	}
	if t.L == -1 {
		start := t.N << TileHeight
		if start+int64(t.W) > pub.N {
			return nil, db.ErrNotFound
		}
		recs, err := Records(ctx, l.DB, start, int64(t.W))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		for _, r := range recs {
			b.Write(r)
			b.WriteByte('\n')
		}
		return b.Bytes(), nil
	}
	// The tile's last hash must be inside the published tree.
	last := (t.N<<uint(t.H) + int64(t.W)) << uint(t.L*t.H)
	if last > pub.N {
		return nil, db.ErrNotFound
	}
	return tlog.ReadTileData(t, dbHashes{ctx, l.DB})
}

// Proof is an inclusion proof of record N in the published tree.
type Proof struct {
	N          int64    `json:"n"`
	Record     string   `json:"record"`     // the exact record bytes
	Checkpoint string   `json:"checkpoint"` // the signed checkpoint proved against
	Hashes     []string `json:"proof"`      // base64 tlog.RecordProof
}

// Prove returns record n with its inclusion proof in the latest published
// tree. A record appended after the last checkpoint is not provable yet.
func (l *Log) Prove(ctx context.Context, n int64) (Proof, error) {
	pub, msg, err := l.Published(ctx)
	if err != nil {
		return Proof{}, err
	}
	if n < 0 || n >= pub.N {
		return Proof{}, fmt.Errorf("ledger record %d not in the published tree of %d: %w", n, pub.N, db.ErrNotFound)
	}
	r := &proofReader{ctx: ctx, l: l, n: n}
	p, err := tlog.ProveRecord(pub.N, n, r)
	if err != nil {
		return Proof{}, fmt.Errorf("ledger proof of %d: %w", n, err)
	}
	if r.rec == nil { // tlog asked for no hash (a one-record tree)
		if r.rec, err = Record(ctx, l.DB, n); err != nil {
			return Proof{}, err
		}
	}
	out := Proof{N: n, Record: string(r.rec), Checkpoint: string(msg)}
	for _, h := range p {
		out.Hashes = append(out.Hashes, base64.StdEncoding.EncodeToString(h[:]))
	}
	return out, nil
}

// proofReader reads a proof's hashes and its record in one query: on
// PostgreSQL each round trip costs more than the lookups themselves.
// Hashes of subtrees of 256 records or more are kept in l.upper once read;
// a stored hash covers a complete subtree, so it never changes while the log
// only grows (Published drops them if it shrinks), and there are about 2 of
// them per 256 records: some 7,800 hashes, under 1 MB with the map, per
// 1,000,000 records.
type proofReader struct {
	ctx context.Context
	l   *Log
	n   int64  // the record proved
	rec []byte // its bytes, read with the hashes
}

// upperLevel is the lowest tree level whose hashes the log keeps in memory.
const upperLevel = TileHeight

func (r *proofReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	var need []int64
	var needAt []int // positions in out of the hashes to read
	r.l.mu.Lock()
	for i, x := range indexes {
		if h, ok := r.l.upper[x]; ok {
			out[i] = h
		} else {
			need, needAt = append(need, x), append(needAt, i)
		}
	}
	r.l.mu.Unlock()
	// The list is padded to a multiple of 8 with -1 (no such hash): a few
	// query texts instead of one per length, so each connection prepares
	// them once and PostgreSQL's statement cache serves the rest.
	slots := (len(need) + 7) / 8 * 8
	args := make([]any, 0, slots+1)
	for _, x := range need {
		args = append(args, x)
	}
	for len(args) < slots {
		args = append(args, int64(-1))
	}
	args = append(args, r.n)
	q := `SELECT -1, data FROM ledger_records WHERE n = ?`
	if slots > 0 {
		q = `SELECT i, h FROM ledger_hashes WHERE i IN (` + strings.TrimSuffix(strings.Repeat("?, ", slots), ", ") + `) UNION ALL ` + q
	}
	rows, err := r.l.DB.QueryContext(r.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: read proof: %w", err)
	}
	defer rows.Close()
	got := make(map[int64]tlog.Hash, len(need))
	for rows.Next() {
		var i int64
		var b []byte
		if err := rows.Scan(&i, &b); err != nil {
			return nil, fmt.Errorf("ledger: read proof: %w", err)
		}
		if i == -1 {
			r.rec = b
			continue
		}
		if len(b) != tlog.HashSize {
			return nil, fmt.Errorf("ledger: stored hash %d has %d bytes", i, len(b))
		}
		got[i] = tlog.Hash(b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: read proof: %w", err)
	}
	if r.rec == nil {
		return nil, fmt.Errorf("ledger record %d: %w", r.n, db.ErrNotFound)
	}
	r.l.mu.Lock()
	defer r.l.mu.Unlock()
	for _, i := range needAt {
		x := indexes[i]
		h, ok := got[x]
		if !ok {
			return nil, fmt.Errorf("ledger: stored hash %d missing", x)
		}
		out[i] = h
		if level, _ := tlog.SplitStoredHashIndex(x); level >= upperLevel {
			if r.l.upper == nil {
				r.l.upper = map[int64]tlog.Hash{}
			}
			r.l.upper[x] = h
		}
	}
	return out, nil
}

// CheckProof verifies a proof against its own checkpoint with the log's
// verifier key: the record is in the tree the log signed.
func CheckProof(p Proof, vkey string) (tlog.Tree, error) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("verifier key: %w", err)
	}
	n, err := note.Open([]byte(p.Checkpoint), note.VerifierList(v))
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("checkpoint signature: %w", err)
	}
	_, t, err := ParseCheckpointBody(n.Text)
	if err != nil {
		return t, err
	}
	var proof tlog.RecordProof
	for _, s := range p.Hashes {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != tlog.HashSize {
			return t, fmt.Errorf("record %d: bad proof hash", p.N)
		}
		proof = append(proof, tlog.Hash(b))
	}
	if err := tlog.CheckRecord(proof, t.N, t.Hash, p.N, tlog.RecordHash([]byte(p.Record))); err != nil {
		return t, fmt.Errorf("record %d is not in the signed tree: %w", p.N, err)
	}
	return t, nil
}
