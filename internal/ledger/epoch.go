package ledger

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// Epochs. When a restored database is behind what the log signed, the
// operator may announce the loss (AnnounceLoss): the log then continues
// under a new origin, "<origin>/2", "<origin>/3", …, as a Certificate
// Transparency operator starts a new log when one must be frozen. Each
// epoch's tree begins with the records that survived, then the signed loss
// notice, so record numbers (and every receipt before the loss) stay valid.
//
// Every epoch signs with the same Ed25519 key from ledger.key, named by the
// epoch's origin. A checkpoint's signature covers its text, whose first
// line is the origin, so a checkpoint of one epoch never passes for
// another's; and the key hash in each signature line differs per name.
// Keeping one key keeps one secret to back up and lets a notice be signed
// by the key a verifier already trusts.

// keys is the log's key under every origin it may sign as.
type keys struct {
	base   string            // origin of epoch 1: the name in ledger.key
	pub    ed25519.PublicKey // the one Ed25519 key
	signer note.Signer       // the key's signer (any name), nil to verify only
}

// newKeys reads the family of vkey, the epoch-1 verifier key; s, if not
// nil, signs with the same key.
func newKeys(vkey string, s note.Signer) (keys, error) {
	name, rest, _ := strings.Cut(vkey, "+")
	_, key64, _ := strings.Cut(rest, "+")
	b, err := base64.StdEncoding.DecodeString(key64)
	if err != nil || len(b) != 1+ed25519.PublicKeySize || b[0] != 1 {
		return keys{}, fmt.Errorf("ledger: %q is not an Ed25519 verifier key", vkey)
	}
	if _, err := note.NewVerifier(vkey); err != nil {
		return keys{}, fmt.Errorf("ledger: verifier key: %w", err)
	}
	if s != nil && (s.Name() != name || mustVerifier(vkey).KeyHash() != s.KeyHash()) {
		return keys{}, fmt.Errorf("ledger: the signer %s is not the key %s", s.Name(), name)
	}
	return keys{base: name, pub: ed25519.PublicKey(b[1:]), signer: s}, nil
}

func mustVerifier(vkey string) note.Verifier {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		panic("ledger: verifier key checked before: " + err.Error())
	}
	return v
}

// origin is epoch e's origin.
func (k keys) origin(e int) string {
	if e <= 1 {
		return k.base
	}
	return k.base + "/" + strconv.Itoa(e)
}

// epochOf is the epoch whose origin is origin, if it is one of this log's.
func (k keys) epochOf(origin string) (int, bool) {
	if origin == k.base {
		return 1, true
	}
	rest, ok := strings.CutPrefix(origin, k.base+"/")
	if !ok {
		return 0, false
	}
	e, err := strconv.Atoi(rest)
	if err != nil || e < 2 || strconv.Itoa(e) != rest {
		return 0, false
	}
	return e, true
}

// verifierKey is the verifier key of the log under origin.
func (k keys) verifierKey(origin string) (string, error) {
	if _, ok := k.epochOf(origin); !ok {
		return "", fmt.Errorf("ledger: %q is not an origin of the log %s", origin, k.base)
	}
	return note.NewEd25519VerifierKey(origin, k.pub)
}

// signerFor signs as the log under origin.
func (k keys) signerFor(origin string) (note.Signer, error) {
	if k.signer == nil {
		return nil, errors.New("ledger: no signing key")
	}
	vk, err := k.verifierKey(origin)
	if err != nil {
		return nil, err
	}
	return namedSigner{name: origin, hash: mustVerifier(vk).KeyHash(), s: k.signer}, nil
}

// Verifier implements note.Verifiers: the log's key under any of its
// origins.
func (k keys) Verifier(name string, hash uint32) (note.Verifier, error) {
	vk, err := k.verifierKey(name)
	if err != nil {
		return nil, &note.UnknownVerifierError{Name: name, KeyHash: hash}
	}
	v := mustVerifier(vk)
	if v.KeyHash() != hash {
		return nil, &note.UnknownVerifierError{Name: name, KeyHash: hash}
	}
	return v, nil
}

// namedSigner signs with another signer's Ed25519 key under another name:
// an Ed25519 note signature is over the text alone, not the key's name.
type namedSigner struct {
	name string
	hash uint32
	s    note.Signer
}

func (n namedSigner) Name() string                    { return n.name }
func (n namedSigner) KeyHash() uint32                 { return n.hash }
func (n namedSigner) Sign(msg []byte) ([]byte, error) { return n.s.Sign(msg) }

// signedTree is a checkpoint the log signed, read back and checked.
type signedTree struct {
	msg    string
	origin string
	epoch  int
	tree   tlog.Tree
}

// open checks that msg is a checkpoint signed by the log under the origin
// it names, and reads it.
func (k keys) open(msg []byte) (signedTree, error) {
	n, err := note.Open(msg, k)
	if err != nil {
		return signedTree{}, fmt.Errorf("not a checkpoint signed by the log %s: %w", k.base, err)
	}
	origin, t, err := ParseCheckpointBody(n.Text)
	if err != nil {
		return signedTree{}, err
	}
	e, ok := k.epochOf(origin)
	vk, verr := k.verifierKey(origin)
	if !ok || verr != nil || !signedBy(n, mustVerifier(vk)) {
		return signedTree{}, fmt.Errorf("checkpoint of %q is not signed by the log under that origin", origin)
	}
	return signedTree{msg: string(msg), origin: origin, epoch: e, tree: t}, nil
}

// newer reports whether a is later in the log's life than b: a later epoch,
// or a bigger tree of the same one.
func (a signedTree) newer(b signedTree) bool {
	if a.epoch != b.epoch {
		return a.epoch > b.epoch
	}
	return a.tree.N > b.tree.N
}

// String names a signed tree for people: origin, size and root.
func (a signedTree) String() string {
	return fmt.Sprintf("%s size %d root %s", a.origin, a.tree.N, base64.StdEncoding.EncodeToString(a.tree.Hash[:]))
}

// NoticeEntry is a stored loss notice as /ledger/notices serves it: the
// epoch it began, that epoch's origin and verifier key, the record that
// holds the notice, the signed notice and the last checkpoint of the lost
// history.
type NoticeEntry struct {
	Epoch      int       `json:"epoch"`
	Origin     string    `json:"origin"`
	Key        string    `json:"key"`
	Record     int64     `json:"record"`
	Notice     string    `json:"notice"`
	Checkpoint string    `json:"checkpoint"`
	At         time.Time `json:"at"`
}

// Parsed reads the entry's notice (its signed text without the signatures,
// which VerifyRemote checks), for people.
func (e NoticeEntry) Parsed() (Notice, error) {
	text, _, _ := strings.Cut(e.Notice, "\n\n")
	return ParseNotice(text)
}

// Notices lists the stored loss notices, oldest epoch first.
func Notices(ctx context.Context, q db.Querier) ([]NoticeEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT epoch, origin, vkey, record, note, checkpoint, created_at FROM ledger_notices ORDER BY epoch`)
	if err != nil {
		return nil, fmt.Errorf("ledger notices: %w", err)
	}
	defer rows.Close()
	out := []NoticeEntry{}
	for rows.Next() {
		var e NoticeEntry
		if err := rows.Scan(&e.Epoch, &e.Origin, &e.Key, &e.Record, &e.Notice, &e.Checkpoint, &e.At); err != nil {
			return nil, fmt.Errorf("ledger notices: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// dbState is the log's state in a database: its size, whether it is
// frozen and why, and its epochs.
type dbState struct {
	size     int64
	frozen   string // why appends are refused; "" when they are not
	frozenCP string // the signed checkpoint the database is behind
	notices  []NoticeEntry
}

func readState(ctx context.Context, q db.Querier) (dbState, error) {
	var st dbState
	if err := q.QueryRowContext(ctx, `SELECT size, frozen, frozen_checkpoint FROM ledger_state WHERE id = 1`).Scan(&st.size, &st.frozen, &st.frozenCP); err != nil {
		return st, fmt.Errorf("ledger state: %w", err)
	}
	var err error
	st.notices, err = Notices(ctx, q)
	return st, err
}

// epoch is the database's current epoch and origin.
func (st dbState) epoch(k keys) (int, string) {
	if len(st.notices) == 0 {
		return 1, k.base
	}
	last := st.notices[len(st.notices)-1]
	return last.Epoch, last.Origin
}
