package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/seeker"
)

// ak1ReportAPI lists the endpoints of the AK/1 six-monthly report.
func (s *Server) ak1ReportAPI() []route {
	return []route{
		{"GET", "/api/v1/me/ak1/report", s.ak1ReportState},
		{"POST", "/api/v1/me/ak1/report", s.ak1Report},
	}
}

// AK1ReportJSON is one report.
type AK1ReportJSON struct {
	Period     int    `json:"period"`
	Status     string `json:"status"`
	Employer   string `json:"employer"`
	Note       string `json:"note"`
	ReportedAt string `json:"reported_at"`
}

// AK1ReportStateJSON is the card's report schedule.
type AK1ReportStateJSON struct {
	Period int            `json:"period"`
	Due    string         `json:"due"`
	Open   bool           `json:"open"`
	Last   *AK1ReportJSON `json:"last"`
}

// AK1ReportInput is the body of POST /api/v1/me/ak1/report.
type AK1ReportInput struct {
	Status   string `json:"status"`
	Employer string `json:"employer"`
	Note     string `json:"note"`
}

func reportJSON(r seeker.AK1Report) *AK1ReportJSON {
	return &AK1ReportJSON{Period: r.Period, Status: r.Status, Employer: r.Employer, Note: r.Note,
		ReportedAt: r.ReportedAt.UTC().Format(time.RFC3339)}
}

func (s *Server) ak1ReportState(w http.ResponseWriter, c *call) error {
	st, err := s.App.Seekers.ReportState(c.Context(), c.User)
	if err != nil {
		return err
	}
	out := AK1ReportStateJSON{Period: st.Period, Due: st.Due.Format(time.DateOnly), Open: st.Open}
	if st.Last != nil {
		out.Last = reportJSON(*st.Last)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) ak1Report(w http.ResponseWriter, c *call) error {
	var b AK1ReportInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	r, err := s.App.Seekers.ReportAK1(c.Context(), c.User, seeker.ReportInput{Status: b.Status, Employer: b.Employer, Note: b.Note})
	if err != nil {
		// Not due yet, already made, or no valid card: 409 (fail.Conflict).
		return err
	}
	return writeJSON(w, http.StatusCreated, reportJSON(r))
}
