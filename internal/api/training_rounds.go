package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// KeyJSON is a place in a program's order: the priority class (0 = the
// program's first criterion; len(priority) = none met), the criterion it
// stands for, and the lottery number that breaks ties in it.
type KeyJSON struct {
	Class       int    `json:"class"`
	Criterion   string `json:"criterion,omitempty"`
	Lottery     string `json:"lottery"`
	ApplicantID int64  `json:"applicant_id"`
}

func keyJSON(k alloc.Key) KeyJSON {
	return KeyJSON{Class: int(k.Class), Lottery: u64(k.Lottery), ApplicantID: k.ApplicantID}
}

// namedKeyJSON is keyJSON with the criterion its class stands for in a
// program whose order is priority.
func namedKeyJSON(k alloc.Key, priority []string) KeyJSON {
	j := keyJSON(k)
	j.Criterion = training.Criterion(priority, int(k.Class))
	return j
}

// RoundJSON is an intake round.
type RoundJSON struct {
	ID          int64              `json:"id"`
	ProviderID  int64              `json:"provider_id"`
	Title       string             `json:"title"`
	OpensAt     string             `json:"opens_at"`
	ClosesAt    string             `json:"closes_at"`
	Open        bool               `json:"open"`
	SeedHash    string             `json:"seed_hash"`
	Seed        string             `json:"seed,omitempty"`
	AllocatedAt string             `json:"allocated_at,omitempty"`
	Applicants  int                `json:"applicants"`
	Proposals   int64              `json:"proposals"`
	Programs    []RoundProgramJSON `json:"programs"`
	URL         string             `json:"url"`
}

// RoundProgramJSON is a program's part in a round.
type RoundProgramJSON struct {
	ProgramID int64    `json:"program_id"`
	Title     string   `json:"title"`
	Provider  string   `json:"provider"`
	Seats     int      `json:"seats"`
	Admitted  int      `json:"admitted"`
	Full      bool     `json:"full"`
	Cutoff    *KeyJSON `json:"cutoff"`
}

func (s *Server) roundJSON(rd training.Round) RoundJSON {
	j := RoundJSON{ID: rd.ID, ProviderID: rd.ProviderID, Title: rd.Title, OpensAt: rfc3339(rd.OpensAt),
		ClosesAt: rfc3339(rd.ClosesAt), Open: rd.OpenAt(s.App.Now()), SeedHash: rd.SeedHash, Seed: rd.SeedHex(),
		AllocatedAt: rfc3339(rd.AllocatedAt), Applicants: rd.Applicants, Proposals: rd.Proposals, Programs: []RoundProgramJSON{},
		URL: "/pelatihan/gelombang/" + strconv.FormatInt(rd.ID, 10)}
	for _, rp := range rd.Programs {
		p := RoundProgramJSON{ProgramID: rp.ProgramID, Title: rp.Title, Provider: rp.ProviderName, Seats: rp.Seats,
			Admitted: rp.Admitted, Full: rp.Full}
		if rp.HasCutoff {
			k := keyJSON(rp.Cutoff)
			p.Cutoff = &k
		}
		j.Programs = append(j.Programs, p)
	}
	return j
}

func (s *Server) getRound(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.Round(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.roundJSON(rd))
}

type roundBody struct {
	ProviderID int64   `json:"provider_id"`
	Title      string  `json:"title"`
	Programs   []int64 `json:"programs"`
	ClosesAt   string  `json:"closes_at"`
}

func (s *Server) openRound(w http.ResponseWriter, c *call) error {
	var b roundBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	// Who may open it is asked before the body's words are judged.
	if err := s.App.Training.MayOpenRound(c.Context(), c.User, b.ProviderID); err != nil {
		return providerField(err, b.ProviderID)
	}
	closes, err := time.Parse(time.RFC3339, strings.TrimSpace(b.ClosesAt))
	if err != nil {
		return valid.New("closes_at", "date_invalid")
	}
	rd, err := s.App.Training.OpenRound(c.Context(), c.User.ID, training.RoundInput{ProviderID: b.ProviderID, Title: b.Title,
		Programs: b.Programs, ClosesAt: closes})
	if err != nil {
		return providerField(err, b.ProviderID)
	}
	w.Header().Set("Location", "/api/v1/training/rounds/"+strconv.FormatInt(rd.ID, 10))
	return writeJSON(w, http.StatusCreated, s.roundJSON(rd))
}

func (s *Server) allocateRound(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rd, err := s.App.Training.CloseAndAllocate(c.Context(), actorID(c.User), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.roundJSON(rd))
}

type applyTrainingBody struct {
	Programs        []int64 `json:"programs"`
	DTKS            bool    `json:"dtks"`
	UnemployedSince string  `json:"unemployed_since"`
}

// seekerPost starts a job seeker's post about the path's round: the
// round's id, the seeker (a job seeker without a profile yet is told to
// make one) and the body decoded into body.
func (s *Server) seekerPost(w http.ResponseWriter, c *call, body any) (int64, training.Seeker, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, training.Seeker{}, err
	}
	sk, ok, err := s.App.Training.SeekerOf(c.Context(), c.User)
	if err == nil && !ok {
		err = valid.New("seeker", "seeker_required")
	}
	if err == nil {
		err = decode(w, c, body)
	}
	return id, sk, err
}

func (s *Server) applyTraining(w http.ResponseWriter, c *call) error {
	var b applyTrainingBody
	id, sk, err := s.seekerPost(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Training.Apply(c.Context(), id, sk.ID, training.ApplicationInput{Programs: b.Programs, DTKS: b.DTKS,
		UnemployedSince: b.UnemployedSince}); err != nil {
		return err
	}
	app, _, err := s.App.Training.ApplicationOf(c.Context(), id, sk.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, applicationJSONOf(app))
}

// TrainingApplicationJSON is a seeker's ranked programs in a round.
type TrainingApplicationJSON struct {
	RoundID         int64   `json:"round_id"`
	Programs        []int64 `json:"programs"`
	DTKS            bool    `json:"dtks"`
	UnemployedSince string  `json:"unemployed_since,omitempty"`
	SubmittedAt     string  `json:"submitted_at"`
}

func applicationJSONOf(a training.Application) TrainingApplicationJSON {
	ps := a.Programs
	if ps == nil {
		ps = []int64{}
	}
	return TrainingApplicationJSON{RoundID: a.RoundID, Programs: ps, DTKS: a.DTKS, UnemployedSince: isoDate(a.UnemployedSince),
		SubmittedAt: rfc3339(a.SubmittedAt)}
}
