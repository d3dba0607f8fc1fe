package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/bkk"
)

// bkkAPI lists the endpoints of SMKs' job offices (BKK) and the tracer
// study.
func (s *Server) bkkAPI() []route {
	return []route{
		{"GET", "/api/v1/schools", s.listSchools},
		{"POST", "/api/v1/schools", s.registerSchool},
		{"GET", "/api/v1/schools/{npsn}", s.getSchool},
		{"POST", "/api/v1/schools/{npsn}/staff", s.addSchoolStaff},
		{"GET", "/api/v1/schools/{npsn}/graduates", s.schoolGraduates},
		{"POST", "/api/v1/schools/{npsn}/graduates/{id}/verify", s.verifyGraduate},
		{"GET", "/api/v1/schools/{npsn}/applications", s.schoolApplications},
		{"POST", "/api/v1/schools/{npsn}/vacancies", s.postSchoolVacancy},
		{"GET", "/api/v1/me/graduation", s.myGraduation},
		{"POST", "/api/v1/me/graduation", s.declareGraduation},
		{"POST", "/api/v1/me/tracer", s.answerTracer},
	}
}

// SchoolJSON is a registered SMK.
type SchoolJSON struct {
	NPSN       string   `json:"npsn"`
	Name       string   `json:"name"`
	Region     string   `json:"region"`
	Address    string   `json:"address"`
	Programs   []string `json:"programs"`
	ProviderID int64    `json:"provider_id,omitempty"`
	URL        string   `json:"url"`
}

func schoolJSON(sc bkk.School) SchoolJSON {
	return SchoolJSON{NPSN: sc.NPSN, Name: sc.Name, Region: sc.Region, Address: sc.Address, Programs: nonNil(sc.Programs),
		ProviderID: sc.ProviderID, URL: "/smk/" + sc.NPSN}
}

// TracerCellJSON is one published count: value null when withheld.
type TracerCellJSON struct {
	Value    *int `json:"value"`
	Withheld bool `json:"withheld"`
}

func tracerCellJSON(c bkk.Cell) TracerCellJSON {
	if c.Withheld {
		return TracerCellJSON{Withheld: true}
	}
	n := c.N
	return TracerCellJSON{Value: &n}
}

// TracerRowJSON is one program's (or the school's) outcomes at a wave.
type TracerRowJSON struct {
	Program  string                    `json:"program"`
	Assessed TracerCellJSON            `json:"assessed"`
	Statuses map[string]TracerCellJSON `json:"statuses"`
}

// TracerWaveJSON is a school's outcomes at one wave.
type TracerWaveJSON struct {
	Months   int             `json:"months"`
	Programs []TracerRowJSON `json:"programs"`
	Total    TracerRowJSON   `json:"total"`
}

// SchoolDetailJSON is a school with its public tracer figures and the
// vacancies its BKK posted.
type SchoolDetailJSON struct {
	SchoolJSON
	Tracer    []TracerWaveJSON    `json:"tracer"`
	Vacancies []SchoolVacancyJSON `json:"vacancies"`
}

// SchoolVacancyJSON is a vacancy a school's BKK posted.
type SchoolVacancyJSON struct {
	ID            int64  `json:"id"`
	Title         string `json:"title"`
	Employer      string `json:"employer"`
	Status        string `json:"status"`
	GraduatesOnly bool   `json:"graduates_only"`
	ClosesOn      string `json:"closes_on"`
}

func tracerRowJSON(r bkk.FigureRow) TracerRowJSON {
	j := TracerRowJSON{Program: r.Program, Assessed: tracerCellJSON(r.Total), Statuses: map[string]TracerCellJSON{}}
	for k, st := range bkk.Statuses {
		j.Statuses[st] = tracerCellJSON(r.Cells[k])
	}
	return j
}

func (s *Server) listSchools(w http.ResponseWriter, c *call) error {
	ss, err := s.App.BKK.Schools(c.Context())
	if err != nil {
		return err
	}
	out := make([]SchoolJSON, 0, len(ss))
	for _, sc := range ss {
		out = append(out, schoolJSON(sc))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// SchoolInput is the body of POST /api/v1/schools.
type SchoolInput struct {
	NPSN       string   `json:"npsn"`
	Name       string   `json:"name"`
	Region     string   `json:"region"`
	Address    string   `json:"address"`
	Programs   []string `json:"programs"`
	ProviderID int64    `json:"provider_id"`
}

func (s *Server) registerSchool(w http.ResponseWriter, c *call) error {
	var b SchoolInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	sc, err := s.App.BKK.RegisterSchool(c.Context(), c.User, bkk.SchoolInput{NPSN: b.NPSN, Name: b.Name, Region: b.Region,
		Address: b.Address, Programs: b.Programs, ProviderID: b.ProviderID})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/schools/"+sc.NPSN)
	return writeJSON(w, http.StatusCreated, schoolJSON(sc))
}

func (s *Server) getSchool(w http.ResponseWriter, c *call) error {
	f, err := s.App.BKK.SchoolFigures(c.Context(), c.PathValue("npsn"))
	if err != nil {
		return err
	}
	posted, err := s.App.BKK.Posted(c.Context(), f.School.NPSN)
	if err != nil {
		return err
	}
	j := SchoolDetailJSON{SchoolJSON: schoolJSON(f.School), Tracer: []TracerWaveJSON{}, Vacancies: []SchoolVacancyJSON{}}
	for _, wf := range f.Waves {
		tw := TracerWaveJSON{Months: wf.Wave, Programs: []TracerRowJSON{}, Total: tracerRowJSON(wf.Total)}
		for _, r := range wf.Rows {
			tw.Programs = append(tw.Programs, tracerRowJSON(r))
		}
		j.Tracer = append(j.Tracer, tw)
	}
	for _, p := range posted {
		j.Vacancies = append(j.Vacancies, SchoolVacancyJSON{ID: p.ID, Title: p.Title, Employer: p.EmployerName, Status: p.Status,
			GraduatesOnly: p.GraduatesOnly, ClosesOn: p.ClosesOn.Format(time.DateOnly)})
	}
	return writeJSON(w, http.StatusOK, j)
}

// StaffInput is the body of POST /api/v1/schools/{npsn}/staff.
type StaffInput struct {
	Login    string `json:"login"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

// StaffJSON is a BKK staff account.
type StaffJSON struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Login  string `json:"login"`
}

func (s *Server) addSchoolStaff(w http.ResponseWriter, c *call) error {
	var b StaffInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	st, err := s.App.BKK.AddStaff(c.Context(), c.User, c.PathValue("npsn"), bkk.StaffInput{Login: b.Login, Name: b.Name, Password: b.Password})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, StaffJSON{UserID: st.UserID, Name: st.Name, Login: st.Login})
}

// GraduateJSON is a seeker's declared SMK graduation.
type GraduateJSON struct {
	ID         int64  `json:"id"`
	NPSN       string `json:"npsn"`
	School     string `json:"school"`
	Program    string `json:"program"`
	Year       int    `json:"year"`
	Month      int    `json:"month"`
	Status     string `json:"status"`
	Reason     string `json:"reason"`
	Name       string `json:"name"`
	TracerWave int    `json:"tracer_wave"`
}

func graduateJSON(g bkk.Graduate, wave int) GraduateJSON {
	return GraduateJSON{ID: g.ID, NPSN: g.NPSN, School: g.SchoolName, Program: g.Program, Year: g.Year, Month: g.Month,
		Status: g.Status, Reason: g.Reason, Name: g.Name, TracerWave: wave}
}

func (s *Server) schoolGraduates(w http.ResponseWriter, c *call) error {
	gs, err := s.App.BKK.Graduates(c.Context(), c.User, c.PathValue("npsn"), c.URL.Query().Get("status"))
	if err != nil {
		return err
	}
	out := make([]GraduateJSON, 0, len(gs))
	for _, g := range gs {
		out = append(out, graduateJSON(g, 0))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// VerifyInput is the body of POST .../graduates/{id}/verify.
type VerifyInput struct {
	Verified *bool  `json:"verified"`
	Reason   string `json:"reason"`
}

func (s *Server) verifyGraduate(w http.ResponseWriter, c *call) error {
	var b VerifyInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	g, err := s.App.BKK.Decide(c.Context(), c.User, c.PathValue("npsn"), id, b.Verified, b.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, graduateJSON(g, 0))
}

// GraduateApplicationJSON is a verified graduate's application as the
// school's BKK sees it: status only; phone only when shared.
type GraduateApplicationJSON struct {
	ApplicationID int64  `json:"application_id"`
	GraduateID    int64  `json:"graduate_id"`
	Name          string `json:"name"`
	Program       string `json:"program"`
	VacancyID     int64  `json:"vacancy_id"`
	Vacancy       string `json:"vacancy"`
	Employer      string `json:"employer"`
	Status        string `json:"status"`
	UpdatedAt     string `json:"updated_at"`
	Phone         string `json:"phone"`
	ViaBKK        bool   `json:"via_bkk"`
}

func (s *Server) schoolApplications(w http.ResponseWriter, c *call) error {
	as, err := s.App.BKK.Applications(c.Context(), c.User, c.PathValue("npsn"))
	if err != nil {
		return err
	}
	out := make([]GraduateApplicationJSON, 0, len(as))
	for _, a := range as {
		out = append(out, GraduateApplicationJSON{ApplicationID: a.ApplicationID, GraduateID: a.GraduateID, Name: a.Name,
			Program: a.Program, VacancyID: a.VacancyID, Vacancy: a.VacancyTitle, Employer: a.EmployerName, Status: a.Status,
			UpdatedAt: a.UpdatedAt.UTC().Format(time.RFC3339), Phone: a.Phone, ViaBKK: a.ViaBKK})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// SchoolVacancyInput is the body of POST /api/v1/schools/{npsn}/vacancies.
type SchoolVacancyInput struct {
	PartnerID     int64        `json:"partner_id"`
	GraduatesOnly bool         `json:"graduates_only"`
	Vacancy       VacancyInput `json:"vacancy"`
}

func (s *Server) postSchoolVacancy(w http.ResponseWriter, c *call) error {
	var b SchoolVacancyInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	v, err := s.App.BKK.Post(c.Context(), c.User, c.PathValue("npsn"), bkk.PostInput{PartnerID: b.PartnerID,
		GraduatesOnly: b.GraduatesOnly, Vacancy: b.Vacancy.input()})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/vacancies/"+strconv.FormatInt(v.ID, 10))
	j := vacancyJSON(v)
	if err := s.withFlags(c, &j); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, j)
}

func (s *Server) myGraduation(w http.ResponseWriter, c *call) error {
	t, err := s.App.BKK.MyTracer(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, graduateJSON(t.Graduate, t.Wave))
}

// GraduationInput is the body of POST /api/v1/me/graduation.
type GraduationInput struct {
	NPSN    string `json:"npsn"`
	Program string `json:"program"`
	Year    int    `json:"year"`
	Month   int    `json:"month"`
}

func (s *Server) declareGraduation(w http.ResponseWriter, c *call) error {
	var b GraduationInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	g, err := s.App.BKK.Declare(c.Context(), c.User, bkk.GraduationInput{NPSN: b.NPSN, Program: b.Program, Year: b.Year, Month: b.Month})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, graduateJSON(g, 0))
}

// TracerInput is the body of POST /api/v1/me/tracer.
type TracerInput struct {
	Status       string `json:"status"`
	EmployerName string `json:"employer_name"`
	Contract     string `json:"contract"`
	WageBand     string `json:"wage_band"`
}

// TracerAnswerJSON is a recorded tracer answer.
type TracerAnswerJSON struct {
	Months       int    `json:"months"`
	Status       string `json:"status"`
	EmployerName string `json:"employer_name"`
	Contract     string `json:"contract"`
	WageBand     string `json:"wage_band"`
	Source       string `json:"source"`
}

func (s *Server) answerTracer(w http.ResponseWriter, c *call) error {
	var b TracerInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	a, err := s.App.BKK.AnswerTracer(c.Context(), c.User, bkk.TracerInput{Status: b.Status, EmployerName: b.EmployerName,
		Contract: b.Contract, WageBand: b.WageBand})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, TracerAnswerJSON{Months: a.Wave, Status: a.Status, EmployerName: a.EmployerName,
		Contract: a.Contract, WageBand: a.WageBand, Source: a.Source})
}
