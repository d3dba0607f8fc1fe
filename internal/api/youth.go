package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/youth"
)

// youthAPI lists the youth programs' endpoints.
func (s *Server) youthAPI() []route {
	return []route{
		{"GET", "/api/v1/youth-programs", s.listYouthPrograms},
		{"GET", "/api/v1/youth-programs/{tag}", s.getYouthProgram},
	}
}

// YouthProgramJSON is a youth program as the reference data describes it.
type YouthProgramJSON struct {
	Tag       string `json:"tag"`
	Name      string `json:"name"`
	NameEN    string `json:"name_en"`
	Summary   string `json:"summary"`
	SummaryEN string `json:"summary_en"`
	MinAge    int    `json:"min_age"`
	MaxAge    int    `json:"max_age"`
	Domicile  string `json:"domicile"`
}

func youthJSON(p youth.Program) YouthProgramJSON {
	return YouthProgramJSON{Tag: p.Tag, Name: p.Name, NameEN: p.NameEN, Summary: p.Summary, SummaryEN: p.SummaryEN,
		MinAge: p.MinAge, MaxAge: p.MaxAge, Domicile: p.Domicile}
}

// YouthProgramsJSON lists the youth programs.
type YouthProgramsJSON struct {
	Items []YouthProgramJSON `json:"items"`
}

func (s *Server) listYouthPrograms(w http.ResponseWriter, c *call) error {
	ps, err := youth.Programs()
	if err != nil {
		return err
	}
	out := YouthProgramsJSON{Items: []YouthProgramJSON{}}
	for _, p := range ps {
		out.Items = append(out.Items, youthJSON(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

// YouthTrainingJSON is a training program carrying the youth tag.
type YouthTrainingJSON struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Provider string `json:"provider"`
	Region   string `json:"region"`
}

// YouthOutcomesJSON are a youth program's results; counts of 1 to 4 are
// withheld (null).
type YouthOutcomesJSON struct {
	Completers   UMKMCellJSON `json:"completers"`
	PlacedWithin UMKMCellJSON `json:"placed_within_6_months"`
	// Apprentices inside the program's age band: started, completed with
	// a certificate, hired by the company after.
	ApprStarted   UMKMCellJSON `json:"apprentices_started"`
	ApprCompleted UMKMCellJSON `json:"apprentices_completed"`
	ApprHired     UMKMCellJSON `json:"apprentices_hired"`
	Assisted      UMKMCellJSON `json:"umkm_assisted"`
	MovedUp       UMKMCellJSON `json:"umkm_moved_up"`
}

// YouthPageJSON is everything a youth program offers and its results.
type YouthPageJSON struct {
	YouthProgramJSON
	Training     []YouthTrainingJSON `json:"training"`
	UMKMPrograms []UMKMProgramJSON   `json:"umkm_programs"`
	// Apprenticeships still taking apprentices in the program's domicile.
	Apprenticeships []ApprenticeshipJSON `json:"apprenticeships"`
	Outcomes        YouthOutcomesJSON    `json:"outcomes"`
}

func (s *Server) getYouthProgram(w http.ResponseWriter, c *call) error {
	pg, err := s.App.Youth.Page(c.Context(), c.PathValue("tag"))
	if err != nil {
		return err
	}
	out := YouthPageJSON{YouthProgramJSON: youthJSON(pg.Program), Training: []YouthTrainingJSON{}, UMKMPrograms: []UMKMProgramJSON{}}
	for _, p := range pg.Training {
		out.Training = append(out.Training, YouthTrainingJSON{ID: p.ID, Title: p.Title, Provider: p.ProviderName, Region: p.Region})
	}
	for _, p := range pg.UMKM {
		out.UMKMPrograms = append(out.UMKMPrograms, umkmProgramJSON(p))
	}
	if pg.Placed.Withheld {
		out.Outcomes.Completers, out.Outcomes.PlacedWithin = UMKMCellJSON{Withheld: true}, UMKMCellJSON{Withheld: true}
	} else {
		of, n := pg.Placed.Of, pg.Placed.N
		out.Outcomes.Completers, out.Outcomes.PlacedWithin = UMKMCellJSON{N: &of}, UMKMCellJSON{N: &n}
	}
	out.Outcomes.Assisted, out.Outcomes.MovedUp = umkmCell(pg.Assisted.Admitted), umkmCell(pg.Assisted.MovedUp)
	out.Outcomes.ApprStarted, out.Outcomes.ApprCompleted, out.Outcomes.ApprHired = umkmCell(pg.Apprentices.Started),
		umkmCell(pg.Apprentices.Completed), umkmCell(pg.Apprentices.Hired)
	out.Apprenticeships = apprenticeshipsJSON(pg.Apprenticeships)
	return writeJSON(w, http.StatusOK, out)
}
