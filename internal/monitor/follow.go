package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/bursa-banten/bursa/internal/ledger"
)

// State is what a monitor remembers between runs: the log's key and the
// last checkpoint it verified (as `bursa verify` does), the next record to
// read, the checker's memory of the objects seen, and every finding so far.
type State struct {
	Log      ledger.State `json:"log"`
	Next     int64        `json:"next"`
	Checker  Checker      `json:"checker"`
	Findings []Finding    `json:"findings"`
}

// Result is what one run did.
type Result struct {
	Origin string
	Size   int64     // records in the verified tree
	Read   int64     // records read and checked in this run
	New    []Finding // findings of this run
}

// Follow reads the log through c from its tiles only: it verifies the
// checkpoint's signature with key (or the one remembered or, on a first
// run, the one the log publishes) and its consistency with the checkpoint
// verified last time, then reads the records after st.Next from the data
// tiles, checks each against the signed tree through hash tiles, and runs
// the rules over them. st is updated only when the whole run succeeds, so
// a failed run is repeated, never half-counted.
func Follow(ctx context.Context, c *ledger.Client, key string, st *State) (Result, error) {
	var res Result
	next := *st
	next.Checker = st.Checker.clone()
	rep, err := ledger.VerifyRemote(ctx, c, key, &next.Log, false)
	if err != nil {
		return res, err
	}
	res.Origin, res.Size = rep.Origin, rep.Size
	if len(rep.Notices) > 0 {
		// An announced loss took records away: what the checker remembers
		// may name objects of lost records, so read the new epoch afresh.
		next.Next, next.Checker = 0, Checker{}
	}
	tree := tlog.Tree{N: rep.Size, Hash: rep.Root}
	hr := tlog.TileHashReader(tree, ledger.TileReader(ctx, c))
	for start := next.Next &^ (1<<ledger.TileHeight - 1); next.Next < tree.N; start += 1 << ledger.TileHeight {
		w := min(int64(1<<ledger.TileHeight), tree.N-start)
		t := tlog.Tile{H: ledger.TileHeight, L: -1, N: start >> ledger.TileHeight, W: int(w)}
		data, err := c.Get(ctx, t.Path())
		if err != nil {
			return res, fmt.Errorf("data tile %s: %w", t.Path(), err)
		}
		recs := strings.SplitAfter(string(data), "\n")
		if len(recs) > 0 && recs[len(recs)-1] == "" {
			recs = recs[:len(recs)-1]
		}
		if int64(len(recs)) != w {
			return res, &ledger.BadRecordError{N: start + min(w, int64(len(recs))), Reason: "its data tile does not hold exactly the records the tree covers"}
		}
		idx := make([]int64, 0, w)
		for n := next.Next; n < start+w; n++ {
			idx = append(idx, tlog.StoredHashIndex(0, n))
		}
		want, err := hr.ReadHashes(idx)
		if err != nil {
			return res, fmt.Errorf("hashes of records %d–%d: %w", next.Next, start+w-1, err)
		}
		for i, n := 0, next.Next; n < start+w; i, n = i+1, n+1 {
			rec := []byte(strings.TrimSuffix(recs[n-start], "\n"))
			if tlog.RecordHash(rec) != want[i] {
				return res, &ledger.BadRecordError{N: n, Reason: "its bytes do not hash to the signed tree"}
			}
			res.New = append(res.New, next.Checker.Add(n, rec)...)
			res.Read++
		}
		next.Next = start + w
	}
	next.Findings = append(next.Findings, res.New...)
	*st = next
	return res, nil
}

// clone copies the checker deeply, so a failed run leaves the state as it
// was.
func (c Checker) clone() Checker {
	out := c
	out.Last = make(map[string]obj, len(c.Last))
	for k, v := range c.Last {
		out.Last[k] = v
	}
	out.Vacancies = make(map[int64]obj, len(c.Vacancies))
	for k, v := range c.Vacancies {
		out.Vacancies[k] = v
	}
	out.Apps = make(map[string]*app, len(c.Apps))
	for k, v := range c.Apps {
		a := *v
		out.Apps[k] = &a
	}
	out.Rounds = make(map[int64]*round, len(c.Rounds))
	for k, v := range c.Rounds {
		r := *v
		r.Programs = append([]int64(nil), v.Programs...)
		r.Seats = append([]seat(nil), v.Seats...)
		out.Rounds[k] = &r
	}
	return out
}

// LoadState reads a monitor's state file; a missing file is a first run.
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

// SaveState writes it back, replacing the file whole.
func SaveState(path string, st State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
