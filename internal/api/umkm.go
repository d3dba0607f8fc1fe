package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/umkm"
)

// umkmAPI lists the endpoints of the small-business registry and its
// assistance programs.
func (s *Server) umkmAPI() []route {
	return []route{
		{"POST", "/api/v1/umkm", s.registerUMKM},
		{"GET", "/api/v1/umkm/figures", s.umkmFigures},
		{"GET", "/api/v1/me/umkm", s.myUMKM},
		{"GET", "/api/v1/umkm/{id}", s.getUMKM},
		{"POST", "/api/v1/umkm/{id}/declarations", s.declareUMKM},
		{"POST", "/api/v1/umkm/{id}/milestones", s.addUMKMMilestone},
		{"GET", "/api/v1/umkm-programs", s.listUMKMPrograms},
		{"POST", "/api/v1/umkm-programs", s.createUMKMProgram},
		{"GET", "/api/v1/umkm-programs/{id}", s.getUMKMProgram},
		{"POST", "/api/v1/umkm-programs/{id}/applications", s.applyUMKMProgram},
		{"POST", "/api/v1/umkm-programs/{id}/allocation", s.allocateUMKMProgram},
	}
}

// UMKMInput is the body of POST /api/v1/umkm.
type UMKMInput struct {
	NIB            string `json:"nib"`
	Name           string `json:"name"`
	KBLI           string `json:"kbli"`
	Region         string `json:"region"`
	Capital        int64  `json:"capital"`
	AnnualSales    int64  `json:"annual_sales"`
	OwnerName      string `json:"owner_name,omitempty"`
	OwnerBirthYear int    `json:"owner_birth_year,omitempty"`
	Workers        int    `json:"workers,omitempty"`
	Year           int    `json:"year,omitempty"`
	Evidence       string `json:"evidence,omitempty"`
}

// UMKMJSON is a registered business.
type UMKMJSON struct {
	ID          int64  `json:"id"`
	Class       string `json:"class"`
	NIB         string `json:"nib"`
	Name        string `json:"name"`
	KBLI        string `json:"kbli"`
	KBLISection string `json:"kbli_section"`
	KBLIVersion string `json:"kbli_version"`
	Region      string `json:"region"`
	OwnerName   string `json:"owner_name"`
	EmployerID  *int64 `json:"employer_id"`
	CreatedAt   string `json:"created_at"`
}

func umkmJSON(b umkm.Business) UMKMJSON {
	j := UMKMJSON{ID: b.ID, Class: b.Class, NIB: b.NIB, Name: b.Name, KBLI: b.KBLI, KBLISection: b.KBLISection, KBLIVersion: b.KBLIVersion,
		Region: b.Region, OwnerName: b.OwnerName, CreatedAt: b.CreatedAt.UTC().Format(time.RFC3339)}
	if b.EmployerID != 0 {
		id := b.EmployerID
		j.EmployerID = &id
	}
	return j
}

func (s *Server) registerUMKM(w http.ResponseWriter, c *call) error {
	var b UMKMInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	biz, err := s.App.UMKM.Register(c.Context(), c.User, umkm.Input{NIB: b.NIB, Name: b.Name, KBLI: b.KBLI, Region: b.Region,
		Capital: b.Capital, AnnualSales: b.AnnualSales, OwnerName: b.OwnerName, OwnerBirthYear: b.OwnerBirthYear, Workers: b.Workers,
		Year: b.Year, Evidence: b.Evidence})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, umkmJSON(biz))
}

// UMKMListJSON lists businesses.
type UMKMListJSON struct {
	Items []UMKMJSON `json:"items"`
}

func (s *Server) myUMKM(w http.ResponseWriter, c *call) error {
	bs, err := s.App.UMKM.Mine(c.Context(), c.User)
	if err != nil {
		return err
	}
	out := UMKMListJSON{Items: []UMKMJSON{}}
	for _, b := range bs {
		out.Items = append(out.Items, umkmJSON(b))
	}
	return writeJSON(w, http.StatusOK, out)
}

// DeclarationJSON is a yearly declaration.
type DeclarationJSON struct {
	Year        int    `json:"year"`
	Capital     int64  `json:"capital"`
	AnnualSales int64  `json:"annual_sales"`
	Workers     int    `json:"workers"`
	Evidence    string `json:"evidence"`
	Class       string `json:"class"`
	Basis       string `json:"basis"`
}

// ClassMoveJSON is a class the business was given.
type ClassMoveJSON struct {
	Year        int    `json:"year"`
	From        string `json:"from"`
	To          string `json:"to"`
	Up          bool   `json:"up"`
	At          string `json:"at"`
	LedgerIndex *int64 `json:"ledger_index"`
}

func moveJSON(m umkm.Move) ClassMoveJSON {
	j := ClassMoveJSON{Year: m.Year, From: m.From, To: m.To, Up: m.Up, At: m.At.UTC().Format(time.RFC3339)}
	if m.LedgerN >= 0 {
		n := m.LedgerN
		j.LedgerIndex = &n
	}
	return j
}

// UMKMApplicationJSON is a business's application to a program.
type UMKMApplicationJSON struct {
	ProgramID int64  `json:"program_id"`
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	Result    string `json:"result"`
	AppliedAt string `json:"applied_at"`
}

// MilestoneJSON is a milestone with its evidence.
type MilestoneJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Detail    string `json:"detail"`
	Amount    int64  `json:"amount"`
	Evidence  string `json:"evidence"`
	On        string `json:"on"`
	ProgramID *int64 `json:"program_id"`
}

func milestoneJSON(m umkm.Milestone) MilestoneJSON {
	j := MilestoneJSON{ID: m.ID, Kind: m.Kind, Detail: m.Detail, Amount: m.Amount, Evidence: m.Evidence, On: m.On.Format(time.DateOnly)}
	if m.ProgramID != 0 {
		id := m.ProgramID
		j.ProgramID = &id
	}
	return j
}

// UMKMDetailJSON is a business with its history, for its owner or an officer.
type UMKMDetailJSON struct {
	UMKMJSON
	Salt         string                `json:"salt"`
	Declarations []DeclarationJSON     `json:"declarations"`
	Moves        []ClassMoveJSON       `json:"moves"`
	Applications []UMKMApplicationJSON `json:"applications"`
	Milestones   []MilestoneJSON       `json:"milestones"`
	Vacancies    int                   `json:"vacancies"`
	Placements   int                   `json:"placements"`
}

func (s *Server) getUMKM(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := s.App.UMKM.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := UMKMDetailJSON{UMKMJSON: umkmJSON(v.Business), Salt: v.Salt, Declarations: []DeclarationJSON{}, Moves: []ClassMoveJSON{},
		Applications: []UMKMApplicationJSON{}, Milestones: []MilestoneJSON{}, Vacancies: v.Vacancies, Placements: v.Placements}
	for _, d := range v.Declarations {
		out.Declarations = append(out.Declarations, DeclarationJSON{Year: d.Year, Capital: d.Capital, AnnualSales: d.AnnualSales,
			Workers: d.Workers, Evidence: d.Evidence, Class: d.Class, Basis: string(d.Basis)})
	}
	for _, m := range v.Moves {
		out.Moves = append(out.Moves, moveJSON(m))
	}
	for _, a := range v.Applications {
		out.Applications = append(out.Applications, UMKMApplicationJSON{ProgramID: a.ProgramID, Title: a.ProgramTitle, Kind: a.Kind,
			Result: a.Result, AppliedAt: a.AppliedAt.UTC().Format(time.RFC3339)})
	}
	for _, m := range v.Milestones {
		out.Milestones = append(out.Milestones, milestoneJSON(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

// DeclarationInputJSON is the body of POST /api/v1/umkm/{id}/declarations.
type DeclarationInputJSON struct {
	Year        int    `json:"year"`
	Capital     int64  `json:"capital"`
	AnnualSales int64  `json:"annual_sales"`
	Workers     int    `json:"workers,omitempty"`
	Evidence    string `json:"evidence"`
}

// DeclaredJSON answers a declaration: the class now, and the move it made.
type DeclaredJSON struct {
	Class string         `json:"class"`
	Move  *ClassMoveJSON `json:"move"`
}

func (s *Server) declareUMKM(w http.ResponseWriter, c *call) error {
	var b DeclarationInputJSON
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	m, err := s.App.UMKM.Declare(c.Context(), c.User, id, umkm.DeclarationInput{Year: b.Year, Capital: b.Capital,
		AnnualSales: b.AnnualSales, Workers: b.Workers, Evidence: b.Evidence})
	if err != nil {
		return err
	}
	v, err := s.App.UMKM.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := DeclaredJSON{Class: v.Class}
	if m != nil {
		j := moveJSON(*m)
		out.Move = &j
	}
	return writeJSON(w, http.StatusCreated, out)
}

// MilestoneInputJSON is the body of POST /api/v1/umkm/{id}/milestones.
type MilestoneInputJSON struct {
	Kind      string `json:"kind"`
	Detail    string `json:"detail"`
	Amount    int64  `json:"amount,omitempty"`
	Evidence  string `json:"evidence"`
	On        string `json:"on"`
	ProgramID int64  `json:"program_id,omitempty"`
}

func (s *Server) addUMKMMilestone(w http.ResponseWriter, c *call) error {
	var b MilestoneInputJSON
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	m, err := s.App.UMKM.AddMilestone(c.Context(), c.User, id, umkm.MilestoneInput{Kind: b.Kind, Detail: b.Detail, Amount: b.Amount,
		Evidence: b.Evidence, On: b.On, ProgramID: b.ProgramID})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, milestoneJSON(m))
}

// UMKMCellJSON is a published count: null when withheld.
type UMKMCellJSON struct {
	N        *int `json:"n"`
	Withheld bool `json:"withheld"`
}

func umkmCell(c umkm.Cell) UMKMCellJSON {
	if c.Withheld {
		return UMKMCellJSON{Withheld: true}
	}
	n := c.N
	return UMKMCellJSON{N: &n}
}

// UMKMRegionJSON is one regency's businesses by class.
type UMKMRegionJSON struct {
	Region  string                  `json:"region"`
	Name    string                  `json:"name"`
	ByClass map[string]UMKMCellJSON `json:"by_class"`
	Total   UMKMCellJSON            `json:"total"`
}

func umkmRegionJSON(r umkm.RegionRow) UMKMRegionJSON {
	j := UMKMRegionJSON{Region: r.Region.Code, Name: r.Region.Name, ByClass: map[string]UMKMCellJSON{}, Total: umkmCell(r.Total)}
	for i, c := range umkm.Classes {
		j.ByClass[c] = umkmCell(r.ByClass[i])
	}
	return j
}

// UMKMYearJSON is the moves up of a year.
type UMKMYearJSON struct {
	Year int          `json:"year"`
	Up   UMKMCellJSON `json:"up"`
}

// UMKMFiguresJSON are the registry's public figures.
type UMKMFiguresJSON struct {
	Regions    []UMKMRegionJSON `json:"regions"`
	Province   UMKMRegionJSON   `json:"province"`
	MovesUp    []UMKMYearJSON   `json:"moves_up"`
	Linked     UMKMCellJSON     `json:"linked_employers"`
	Vacancies  UMKMCellJSON     `json:"vacancies"`
	Placements UMKMCellJSON     `json:"placements"`
}

func (s *Server) umkmFigures(w http.ResponseWriter, c *call) error {
	f, err := s.App.UMKM.Figures(c.Context())
	if err != nil {
		return err
	}
	out := UMKMFiguresJSON{Regions: []UMKMRegionJSON{}, Province: umkmRegionJSON(f.Total), MovesUp: []UMKMYearJSON{},
		Linked: umkmCell(f.Linked), Vacancies: umkmCell(f.Vacancies), Placements: umkmCell(f.Placements)}
	for _, r := range f.Regions {
		out.Regions = append(out.Regions, umkmRegionJSON(r))
	}
	for _, y := range f.MovesUp {
		out.MovesUp = append(out.MovesUp, UMKMYearJSON{Year: y.Year, Up: umkmCell(y.Up)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// UMKMProgramJSON is an assistance program.
type UMKMProgramJSON struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Organizer   string   `json:"organizer"`
	Seats       int      `json:"seats"`
	Classes     []string `json:"classes"`
	Regions     []string `json:"regions"`
	YouthTag    string   `json:"youth_tag"`
	ClosesAt    string   `json:"closes_at"`
	SeedHash    string   `json:"seed_hash"`
	Seed        string   `json:"seed"`
	AllocatedAt *string  `json:"allocated_at"`
	Applicants  int      `json:"applicants"`
	Admitted    int      `json:"admitted"`
}

func umkmProgramJSON(p umkm.Program) UMKMProgramJSON {
	j := UMKMProgramJSON{ID: p.ID, Kind: p.Kind, Title: p.Title, Description: p.Description, Organizer: p.Organizer, Seats: p.Seats,
		Classes: nonNil(p.Classes), Regions: nonNil(p.Regions), YouthTag: p.YouthTag, ClosesAt: p.ClosesAt.UTC().Format(time.RFC3339),
		SeedHash: p.SeedHash, Seed: p.Seed, Applicants: p.Applicants, Admitted: p.AdmittedN}
	if p.Allocated() {
		at := p.AllocatedAt.UTC().Format(time.RFC3339)
		j.AllocatedAt = &at
	}
	return j
}

// UMKMProgramsJSON lists programs.
type UMKMProgramsJSON struct {
	Items []UMKMProgramJSON `json:"items"`
}

func (s *Server) listUMKMPrograms(w http.ResponseWriter, c *call) error {
	ps, err := s.App.UMKM.Programs(c.Context(), umkm.ProgramFilter{YouthTag: c.URL.Query().Get("youth_tag")})
	if err != nil {
		return err
	}
	out := UMKMProgramsJSON{Items: []UMKMProgramJSON{}}
	for _, p := range ps {
		out.Items = append(out.Items, umkmProgramJSON(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getUMKMProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.App.UMKM.Program(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, umkmProgramJSON(p))
}

// UMKMProgramInput is the body of POST /api/v1/umkm-programs.
type UMKMProgramInput struct {
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Organizer   string   `json:"organizer"`
	Seats       int      `json:"seats"`
	Classes     []string `json:"classes,omitempty"`
	Regions     []string `json:"regions,omitempty"`
	YouthTag    string   `json:"youth_tag,omitempty"`
	ClosesOn    string   `json:"closes_on"`
}

func (s *Server) createUMKMProgram(w http.ResponseWriter, c *call) error {
	var b UMKMProgramInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	p, err := s.App.UMKM.CreateProgram(c.Context(), c.User, umkm.ProgramInput{Kind: b.Kind, Title: b.Title, Description: b.Description,
		Organizer: b.Organizer, Seats: b.Seats, Classes: b.Classes, Regions: b.Regions, YouthTag: b.YouthTag, ClosesOn: b.ClosesOn})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, umkmProgramJSON(p))
}

// UMKMApplyInput is the body of POST /api/v1/umkm-programs/{id}/applications.
type UMKMApplyInput struct {
	BusinessID int64 `json:"business_id"`
}

func (s *Server) applyUMKMProgram(w http.ResponseWriter, c *call) error {
	var b UMKMApplyInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.UMKM.Apply(c.Context(), c.User, id, b.BusinessID); err != nil {
		return err
	}
	p, err := s.App.UMKM.Program(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, UMKMApplicationJSON{ProgramID: id, Title: p.Title, Kind: p.Kind, Result: "",
		AppliedAt: s.App.Now().UTC().Format(time.RFC3339)})
}

func (s *Server) allocateUMKMProgram(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.App.UMKM.Allocate(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, umkmProgramJSON(p))
}
