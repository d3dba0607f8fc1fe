package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// An intake round's page: its published seed hash, its programs and, for a
// job seeker, the ranking form.

type roundPageData struct {
	training.RoundDetail
	Choices    []int64 // what the form's selects show
	Slots      []int
	MaxChoices int
	Today      string
	History    *historyView // on the page, not after a refused form
}

// roundPage is round id's page data; choices, when the seeker's ranking was
// refused, are what they had chosen (nil: nothing was posted).
func (s *Server) roundPage(r *req, id int64, choices []int64) (roundPageData, error) {
	rd, err := s.App.Training.RoundFor(r.Context(), r.User, id)
	if err != nil {
		return roundPageData{}, err
	}
	d := roundPageData{RoundDetail: rd, MaxChoices: training.MaxChoices, Today: dateInput(s.App.Now())}
	for i := 1; i <= training.MaxChoices; i++ {
		d.Slots = append(d.Slots, i)
	}
	if choices == nil && rd.HasApplication {
		choices = rd.Application.Programs
	} else if choices == nil {
		// A program's page links here with the program picked.
		if pick, err := strconv.ParseInt(r.URL.Query().Get("pilih"), 10, 64); err == nil {
			choices = []int64{pick}
		}
	}
	d.Choices = make([]int64, training.MaxChoices) // one per select, 0 = none
	copy(d.Choices, choices)
	return d, nil
}

// trainingRound is /pelatihan/gelombang/{id}.
func (s *Server) trainingRound(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.roundPage(r, id, nil)
	if err != nil {
		return err
	}
	if d.History, err = s.history(r, ledger.RefOf(ledger.ObjRound, id), ""); err != nil {
		return err
	}
	b := s.newBase(w, r, "round.title")
	b.Title = d.Title
	return s.render(w, http.StatusOK, "training_round", b, d)
}

// rankingInput reads the ranking form's five selects.
func rankingInput(r *req) (training.ApplicationInput, error) {
	in := training.ApplicationInput{DTKS: r.PostFormValue("dtks") == "1", UnemployedSince: r.PostFormValue("unemployed_since")}
	for i := 1; i <= training.MaxChoices; i++ {
		v := strings.TrimSpace(r.PostFormValue("pilihan" + strconv.Itoa(i)))
		if v == "" {
			continue
		}
		pid, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return in, valid.New("programs", "program_not_in_round")
		}
		in.Programs = append(in.Programs, pid)
	}
	return in, nil
}

// trainingApply stores the seeker's ranking of programs in a round.
func (s *Server) trainingApply(w http.ResponseWriter, r *req) error {
	id, sk, ok, err := s.seekerPost(w, r)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	in, err := rankingInput(r)
	if err == nil {
		err = s.App.Training.Apply(r.Context(), id, sk.ID, in)
	}
	if b, bad := s.withErrors(s.newBase(w, r, "round.title"), r, err); bad {
		d, err := s.roundPage(r, id, append([]int64{}, in.Programs...))
		if err != nil {
			return err
		}
		b.Title = d.Title
		return s.render(w, http.StatusUnprocessableEntity, "training_round", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.training_applied")
	http.Redirect(w, r.Request, "/pencari/pelatihan", http.StatusSeeOther)
	return nil
}
