package ledger

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/db"
)

// LossNotice is the kind of the record that begins an epoch: the signed
// notice of what the log lost.
const LossNotice = "ledger.loss"

// noticeHeader is the first line of a loss notice.
const noticeHeader = "bursa-ledger-loss-notice/v1"

// Head names a tree of one of the log's origins.
type Head struct {
	Origin string
	tlog.Tree
}

func (h Head) line() string {
	return fmt.Sprintf("%s %d %s", h.Origin, h.N, base64.StdEncoding.EncodeToString(h.Hash[:]))
}

// String is the head for people.
func (h Head) String() string {
	return fmt.Sprintf("%s size %d root %s", h.Origin, h.N, base64.StdEncoding.EncodeToString(h.Hash[:]))
}

// Notice is the log's signed statement that part of its history is lost:
// the last checkpoint it signed of that history (Lost), the tree that
// survived (Kept: the restored database's), and the origin and key the log
// continues under (Next). The new epoch's tree is Kept followed by the
// notice itself, as record Kept.N. Records Kept.N … Lost.N−1 of Lost.Origin
// are gone. The notice is signed by the log under Lost.Origin, under
// Kept.Origin when that differs, and under Next, so a verifier that trusted
// either old origin can follow it, and the new key is shown to be the same
// key.
//
// Its text, one field a line:
//
//	bursa-ledger-loss-notice/v1
//	lost <origin> <size> <base64 root>
//	kept <origin> <size> <base64 root>
//	next <origin> <verifier key>
//	time <RFC 3339 UTC>
//	reason <one line>
type Notice struct {
	Lost, Kept Head
	Next       string
	NextKey    string
	At         time.Time
	Reason     string
}

// Text is the notice's signed text.
func (n Notice) Text() string {
	return fmt.Sprintf("%s\nlost %s\nkept %s\nnext %s %s\ntime %s\nreason %s\n", noticeHeader, n.Lost.line(), n.Kept.line(),
		n.Next, n.NextKey, n.At.UTC().Format(time.RFC3339), n.Reason)
}

// Span is the run of records a notice says are gone, when they are a run
// of one origin's records (OK); otherwise a whole history was replaced.
type Span struct {
	From, To int64
	OK       bool
}

// Gone returns the run of records lost.
func (n Notice) Gone() Span {
	if n.Kept.N < n.Lost.N && n.Kept.Origin == n.Lost.Origin {
		return Span{From: n.Kept.N, To: n.Lost.N - 1, OK: true}
	}
	return Span{}
}

// LostRange says which records are gone, for people.
func (n Notice) LostRange() string {
	switch sp := n.Gone(); {
	case sp.OK:
		return fmt.Sprintf("records %d–%d of %s", sp.From, sp.To, n.Lost.Origin)
	case n.Kept.Origin == n.Lost.Origin:
		return fmt.Sprintf("the tree of %d records of %s (the kept tree is another one)", n.Lost.N, n.Lost.Origin)
	default:
		return fmt.Sprintf("%s up to its %d records, and %s after record %d", n.Lost.Origin, n.Lost.N, n.Kept.Origin, n.Kept.N-1)
	}
}

// ParseNotice reads a notice's text.
func ParseNotice(text string) (Notice, error) {
	var n Notice
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 6 || lines[0] != noticeHeader {
		return n, errors.New("loss notice: want 6 lines, the first " + noticeHeader)
	}
	field := func(i int, name string) (string, error) {
		v, ok := strings.CutPrefix(lines[i], name+" ")
		if !ok {
			return "", fmt.Errorf("loss notice: line %d is not %q", i+1, name)
		}
		return v, nil
	}
	head := func(i int, name string) (Head, error) {
		v, err := field(i, name)
		if err != nil {
			return Head{}, err
		}
		f := strings.Fields(v)
		if len(f) != 3 {
			return Head{}, fmt.Errorf("loss notice: %s wants origin, size and root", name)
		}
		size, err := strconv.ParseInt(f[1], 10, 64)
		h, herr := base64.StdEncoding.DecodeString(f[2])
		if err != nil || size < 0 || herr != nil || len(h) != tlog.HashSize {
			return Head{}, fmt.Errorf("loss notice: bad %s line", name)
		}
		return Head{Origin: f[0], Tree: tlog.Tree{N: size, Hash: tlog.Hash(h)}}, nil
	}
	var err error
	if n.Lost, err = head(1, "lost"); err != nil {
		return n, err
	}
	if n.Kept, err = head(2, "kept"); err != nil {
		return n, err
	}
	next, err := field(3, "next")
	if err != nil {
		return n, err
	}
	f := strings.Fields(next)
	if len(f) != 2 {
		return n, errors.New("loss notice: next wants origin and key")
	}
	n.Next, n.NextKey = f[0], f[1]
	if v, err := note.NewVerifier(n.NextKey); err != nil || v.Name() != n.Next {
		return n, errors.New("loss notice: the next key is not a key named by the next origin")
	}
	at, err := field(4, "time")
	if err != nil {
		return n, err
	}
	if n.At, err = time.Parse(time.RFC3339, at); err != nil {
		return n, fmt.Errorf("loss notice: time: %w", err)
	}
	if n.Reason, err = field(5, "reason"); err != nil {
		return n, err
	}
	return n, nil
}

// parseNoticeMsg reads a signed notice's text without checking signatures.
func parseNoticeMsg(msg string) (Notice, error) {
	text, _, ok := strings.Cut(msg, "\n\n")
	if !ok {
		return Notice{}, errors.New("loss notice: no signatures")
	}
	return ParseNotice(text + "\n")
}

// openNotice checks a signed notice: signed under its next origin by the
// next key, and by at least one of trusted (keys of the old origins); it
// returns the notice and the names of the trusted keys that signed it.
func openNotice(msg string, trusted ...note.Verifier) (Notice, *note.Note, error) {
	n, err := parseNoticeMsg(msg)
	if err != nil {
		return n, nil, err
	}
	next := mustVerifier(n.NextKey)
	nn, err := note.Open([]byte(msg), note.VerifierList(append([]note.Verifier{next}, trusted...)...))
	if err != nil {
		return n, nil, fmt.Errorf("loss notice: %w", err)
	}
	if !signedBy(nn, next) {
		return n, nil, errors.New("loss notice: not signed by the key it names for the next epoch")
	}
	for _, v := range trusted {
		if signedBy(nn, v) && (v.Name() == n.Lost.Origin || v.Name() == n.Kept.Origin) {
			return n, nn, nil
		}
	}
	return n, nn, errors.New("loss notice: not signed by the log under an origin it speaks for")
}

// ErrNothingLost is AnnounceLoss's answer when the database holds every
// tree the log is known to have signed.
var ErrNothingLost = errors.New("the database holds every tree the log is known to have signed: there is no loss to announce")

// checkReason refuses reasons that would break the notice's one-line form.
func checkReason(r string) (string, error) {
	r = strings.TrimSpace(r)
	if r == "" {
		return "", errors.New("a loss notice needs a reason")
	}
	if len(r) > 500 {
		return "", errors.New("the reason is over 500 bytes")
	}
	for _, c := range r {
		if unicode.IsControl(c) {
			return "", errors.New("the reason must be one line without control characters")
		}
	}
	return r, nil
}

// AnnounceLoss ends the history the database is behind: it signs a notice
// naming the last checkpoint the log signed of it (the newest the database
// does not hold: the file beside the key, or one a witness posted) and the
// tree the database holds, starts a new epoch under the next origin with
// the notice as its first record, unfreezes the log, and signs the new
// epoch's first checkpoint. It is for an operator who cannot restore a
// later copy; the notice says so in public, for good.
func (l *Log) AnnounceLoss(ctx context.Context, reason string) (Notice, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return Notice{}, err
	}
	k, err := l.keys()
	if err != nil {
		return Notice{}, err
	}
	// The signing lock: no checkpoint of the old epoch is signed meanwhile.
	l.signMu.Lock()
	locked := true
	defer func() {
		if locked {
			l.signMu.Unlock()
		}
	}()
	st, err := readState(ctx, l.DB)
	if err != nil {
		return Notice{}, err
	}
	var lost *signedTree
	var known []signedTree
	if cp, err := l.readSigned(k); err != nil {
		return Notice{}, err
	} else if cp != nil {
		known = append(known, *cp)
	}
	if st.frozenCP != "" {
		cp, err := k.open([]byte(st.frozenCP))
		if err != nil {
			return Notice{}, fmt.Errorf("the checkpoint the log froze on: %w", err)
		}
		known = append(known, cp)
	}
	for _, cp := range known {
		why, err := k.behind(ctx, l.DB, st, cp)
		if err != nil {
			return Notice{}, err
		}
		if why != "" && (lost == nil || cp.newer(*lost)) {
			c := cp
			lost = &c
		}
	}
	if lost == nil {
		return Notice{}, ErrNothingLost
	}
	var n Notice
	var msg []byte
	err = l.DB.InTx(ctx, func(tx *db.Tx) error {
		// Taking the append lock: the kept tree is the one the notice follows.
		var size int64
		if err := tx.QueryRowContext(ctx, `UPDATE ledger_state SET frozen = '', frozen_checkpoint = '' WHERE id = 1 RETURNING size`).Scan(&size); err != nil {
			return fmt.Errorf("ledger state: %w", err)
		}
		st, err := readState(ctx, tx)
		if err != nil {
			return err
		}
		epoch, keptOrigin := st.epoch(k)
		kept, err := treeAt(ctx, tx, size)
		if err != nil {
			return err
		}
		next := k.origin(max(epoch, lost.epoch) + 1)
		nextKey, err := k.verifierKey(next)
		if err != nil {
			return err
		}
		n = Notice{Lost: Head{lost.origin, lost.tree}, Kept: Head{keptOrigin, kept}, Next: next, NextKey: nextKey,
			At: l.Now().UTC().Truncate(time.Second), Reason: reason}
		var signers []note.Signer
		seen := map[string]bool{}
		for _, o := range []string{lost.origin, keptOrigin, next} {
			if seen[o] {
				continue
			}
			seen[o] = true
			s, err := k.signerFor(o)
			if err != nil {
				return err
			}
			signers = append(signers, s)
		}
		if msg, err = note.Sign(&note.Note{Text: n.Text()}, signers...); err != nil {
			return fmt.Errorf("sign the notice: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_notices (epoch, origin, vkey, record, note, checkpoint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			max(epoch, lost.epoch)+1, next, nextKey, size, string(msg), lost.msg, n.At); err != nil {
			return fmt.Errorf("store the notice: %w", err)
		}
		at, err := Append(ctx, tx, Entry{Kind: LossNotice, At: n.At, Fields: map[string]any{"notice": string(msg), "checkpoint": lost.msg}})
		if err != nil {
			return err
		}
		if at != size {
			return fmt.Errorf("ledger: the notice went to record %d, not %d", at, size)
		}
		return nil
	})
	if err != nil {
		return Notice{}, err
	}
	s, err := k.signerFor(n.Next)
	if err != nil {
		return n, err
	}
	l.setEpoch(s, n.NextKey)
	locked = false
	l.signMu.Unlock()
	if _, err := l.Checkpoint(ctx); err != nil {
		return n, fmt.Errorf("the notice is record %d, but the first checkpoint of %s was not signed (serve signs it): %w", n.Kept.N, n.Next, err)
	}
	return n, nil
}
