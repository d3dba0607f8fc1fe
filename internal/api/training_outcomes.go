package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
)

// OutcomeJSON is what became of a group of programs' participants.
type OutcomeJSON struct {
	Programs               int      `json:"programs"`
	Enrolled               int      `json:"enrolled"`
	Completed              int      `json:"completed"`
	Certified              int      `json:"certified"`
	Completion             RateJSON `json:"completion"`
	Certification          RateJSON `json:"certification"`
	PlacedWithin3Months    RateJSON `json:"placed_within_3_months"`
	PlacedWithin6Months    RateJSON `json:"placed_within_6_months"`
	MedianWage             *int64   `json:"median_wage"`
	Wages                  int      `json:"wages"`
	PartnerInterviewPlaces int      `json:"partner_interview_places"`
	PartnerHirePlaces      int      `json:"partner_hire_places"`
	PartnerHires           int      `json:"partner_hires"`
}

// RateJSON is n of of; percent is null when of is 0.
type RateJSON struct {
	N       int      `json:"n"`
	Of      int      `json:"of"`
	Percent *float64 `json:"percent"`
}

func rateJSON(r training.Rate) RateJSON {
	j := RateJSON{N: r.N, Of: r.Of}
	if r.Known() {
		p := r.Percent()
		j.Percent = &p
	}
	return j
}

// outcomeJSON leaves the median wage out where the store judged that the
// reader may not see it (training.MinPublicWages).
func outcomeJSON(o training.Outcome) OutcomeJSON {
	j := OutcomeJSON{Programs: o.Programs, Enrolled: o.Enrolled, Completed: o.Completed, Certified: o.Certified,
		Completion: rateJSON(o.Completion), Certification: rateJSON(o.Certification),
		PlacedWithin3Months: rateJSON(o.PlacedShort), PlacedWithin6Months: rateJSON(o.PlacedLong), Wages: o.Wages,
		PartnerInterviewPlaces: o.PartnerInterviewPlaces, PartnerHirePlaces: o.PartnerHirePlaces, PartnerHires: o.PartnerHires}
	if o.WageShown {
		w := o.MedianWage
		j.MedianWage = &w
	}
	return j
}

func (s *Server) providerOutcomes(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rep, err := s.App.Training.ProviderOutcomes(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	type line struct {
		ProgramID int64       `json:"program_id"`
		Title     string      `json:"title"`
		PartnerID int64       `json:"partner_id,omitempty"`
		Outcome   OutcomeJSON `json:"outcome"`
	}
	items := []line{}
	for _, po := range rep.Programs {
		items = append(items, line{ProgramID: po.Program.ID, Title: po.Program.Title, PartnerID: po.Program.PartnerID,
			Outcome: outcomeJSON(po.Outcome)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"provider_id": id, "total": outcomeJSON(rep.Total), "items": items})
}

func (s *Server) regionOutcomes(w http.ResponseWriter, c *call) error {
	rs, err := s.App.Training.RegionOutcomes(c.Context(), c.User)
	if err != nil {
		return err
	}
	type line struct {
		Region  string      `json:"region"`
		Name    string      `json:"name"`
		Outcome OutcomeJSON `json:"outcome"`
	}
	items := []line{}
	for _, r := range rs {
		items = append(items, line{Region: r.Region.Code, Name: r.Region.Name, Outcome: outcomeJSON(r.Outcome)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
