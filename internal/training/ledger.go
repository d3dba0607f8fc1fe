package training

import (
	"context"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// SeatCommitment is the public stand-in for an applicant in a round's seat
// records; the applicant's salt (shown on their results page) opens it.
func SeatCommitment(salt string, seekerID, roundID int64) string {
	return ledger.Commit(salt, "seat", strconv.FormatInt(seekerID, 10), strconv.FormatInt(roundID, 10))
}

// logAllocation appends, in the allocation's transaction, one seat record
// per applicant (a commitment and the program, or none) and then the round's
// record: the revealed seed, each program's seats, admissions and cutoff,
// and a hash of all seat records, so a seat given outside the rule shows.
func logAllocation(ctx context.Context, tx *db.Tx, roundID int64, seed []byte, in instance, result alloc.Result, now time.Time) error {
	salts := map[int64]string{}
	rows, err := tx.QueryContext(ctx, `SELECT seeker_id, ledger_salt FROM round_applications WHERE round_id = ?`, roundID)
	if err != nil {
		return fmt.Errorf("round %d salts: %w", roundID, err)
	}
	for rows.Next() {
		var id int64
		var salt string
		if err := rows.Scan(&id, &salt); err != nil {
			rows.Close()
			return err
		}
		salts[id] = salt
	}
	rows.Close()
	type seat struct {
		Applicant string `json:"applicant"`
		Program   *int64 `json:"program_id"`
	}
	seats := make([]seat, len(in.Applicants))
	for a, ap := range in.Applicants {
		seats[a].Applicant = SeatCommitment(salts[ap.ID], ap.ID, roundID)
		if p := result.Seat[a]; p >= 0 {
			pid := in.programIDs[p]
			seats[a].Program = &pid
		}
	}
	// Records go in commitment order: it says nothing about who applied
	// first or their lottery number.
	order := make([]int, len(seats))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return seats[order[i]].Applicant < seats[order[j]].Applicant })
	entries := make([]ledger.Entry, 0, len(seats)+1)
	sorted := make([]seat, 0, len(seats))
	for _, i := range order {
		sorted = append(sorted, seats[i])
		entries = append(entries, ledger.Entry{Kind: ledger.SeatAllocated, At: now, Fields: map[string]any{
			"round_id": roundID, "applicant": seats[i].Applicant, "program_id": seats[i].Program}})
	}
	programs := make([]map[string]any, len(in.programIDs))
	for p, pid := range in.programIDs {
		m := map[string]any{"program_id": pid, "seats": in.Programs[p].Seats, "admitted": result.Admitted[p], "full": result.Full[p]}
		// The cutoff's class only: with the seed revealed, its lottery
		// number would let anyone find the last admitted applicant's id.
		// Applicants see the full cutoff on their own results page.
		if result.Full[p] && result.Admitted[p] > 0 {
			m["cutoff_class"] = result.Cutoff[p].Class
		}
		programs[p] = m
	}
	entries = append(entries, ledger.Entry{Kind: ledger.RoundAllocated, At: now, Fields: map[string]any{
		"round_id": roundID, "seed": hex.EncodeToString(seed), "seed_hash": alloc.SeedHash(seed),
		"applicants": len(seats), "proposals": result.Proposals, "programs": programs,
		"seats_hash": ledger.ContentHash(sorted)}})
	first, err := ledger.Append(ctx, tx, entries...)
	if err != nil {
		return err
	}
	keys, ns := make([]int64, len(order)), make([]int64, len(order))
	for k, i := range order {
		keys[k], ns[k] = in.Applicants[i].ID, first+int64(k)
	}
	if err := db.SetInt64s(ctx, tx, "round_applications", "ledger_n", "seeker_id", keys, ns, "round_id = ?", roundID); err != nil {
		return fmt.Errorf("round %d: seat records: %w", roundID, err)
	}
	return nil
}
