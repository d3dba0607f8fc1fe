package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
)

// ChoiceJSON is one ranked program in a seeker's result.
type ChoiceJSON struct {
	Preference int      `json:"preference"`
	ProgramID  int64    `json:"program_id"`
	Title      string   `json:"title"`
	Key        KeyJSON  `json:"key"`
	Seated     bool     `json:"seated"`
	Seats      int      `json:"seats"`
	Admitted   int      `json:"admitted"`
	Full       bool     `json:"full"`
	Cutoff     *KeyJSON `json:"cutoff"`
	Admits     bool     `json:"admits"`
}

// seatResultJSON is a seeker's result: the seat (null: none), the lottery
// number and seed to recompute it, and each ranked program's cutoff, the
// classes named by the program's order in the round.
func seatResultJSON(res training.SeatResult) map[string]any {
	choices := []ChoiceJSON{}
	for _, ch := range res.Choices {
		cj := ChoiceJSON{Preference: ch.Preference, ProgramID: ch.ProgramID, Title: ch.Title, Key: namedKeyJSON(ch.Key, ch.Priority),
			Seated: ch.Seated, Seats: ch.Seats, Admitted: ch.Admitted, Full: ch.Full, Admits: ch.Admits}
		if ch.HasCutoff {
			k := namedKeyJSON(ch.Cutoff, ch.Priority)
			cj.Cutoff = &k
		}
		choices = append(choices, cj)
	}
	var seat any
	if res.ProgramID != 0 {
		seat = res.ProgramID
	}
	return map[string]any{"program_id": seat, "applicant_id": res.SeekerID, "lottery": u64(res.Lottery),
		"seed": res.SeedHex(), "seed_hash": res.SeedHash, "choices": choices}
}

// myTraining is GET /api/v1/me/training: the seeker's rounds with their
// results and appeals, and their enrollments.
func (s *Server) myTraining(w http.ResponseWriter, c *call) error {
	st, _, err := s.App.Training.SeekerTraining(c.Context(), c.User)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, sr := range st.Rounds {
		item := map[string]any{"round": s.roundJSON(sr.Round), "application": applicationJSONOf(sr.Application),
			"result": nil, "appeal": nil}
		if sr.HasResult {
			item["result"] = seatResultJSON(sr.Result)
		}
		if sr.HasAppeal {
			item["appeal"] = appealJSON(sr.Appeal, false)
		}
		out = append(out, item)
	}
	es := []EnrollmentJSON{}
	for _, e := range st.Enrollments {
		es = append(es, enrollmentJSON(e, false))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"rounds": out, "enrollments": es})
}
