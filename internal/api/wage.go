package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wage"
)

// wageAPI lists the endpoints of the wage council (Dewan Pengupahan) and the
// LKS Tripartit.
func (s *Server) wageAPI() []route {
	return []route{
		{"POST", "/api/v1/wage-council/simulations", s.simulateWage},
		{"GET", "/api/v1/wage-council/rounds/{year}", s.wageRound},
		{"PUT", "/api/v1/wage-council/rounds/{year}/inputs", s.setWageInputs},
		{"POST", "/api/v1/wage-council/proposals", s.proposeWage},
		{"GET", "/api/v1/wage-council/recommendations", s.listWageRecommendations},
		{"POST", "/api/v1/wage-council/recommendations", s.recommendWage},
		{"GET", "/api/v1/wage-council/members", s.listWageMembers},
		{"PUT", "/api/v1/wage-council/members/{id}", s.setWageMember},
		{"GET", "/api/v1/wage-council/tripartite/meetings", s.listMeetings},
		{"POST", "/api/v1/wage-council/tripartite/meetings", s.createMeeting},
		{"GET", "/api/v1/wage-council/tripartite/meetings/{id}", s.getMeeting},
		{"POST", "/api/v1/wage-council/tripartite/meetings/{id}/items", s.addAgendaItem},
		{"POST", "/api/v1/wage-council/tripartite/items/{id}/recommendations", s.recommendOnItem},
		{"POST", "/api/v1/wage-council/tripartite/recommendations/{id}/follow-up", s.followUp},
	}
}

// SimulationInput is the body of POST /api/v1/wage-council/simulations.
// Without region every regency is simulated; inflation and growth left out
// are then the council's inputs for the year.
type SimulationInput struct {
	Year      int      `json:"year"`
	Region    string   `json:"region,omitempty"`
	Inflation *float64 `json:"inflation,omitempty"`
	Growth    *float64 `json:"growth,omitempty"`
	Alpha     float64  `json:"alpha"`
}

// SimulationJSON is one simulated minimum wage.
type SimulationJSON struct {
	UMK         int64   `json:"umk"`
	Year        int     `json:"year"`
	Region      string  `json:"region"`
	BaseYear    int     `json:"base_year"`
	BaseUMK     int64   `json:"base_umk"`
	Change      int64   `json:"change"`
	ChangePct   float64 `json:"change_pct"`
	Inflation   float64 `json:"inflation"`
	Growth      float64 `json:"growth"`
	Alpha       float64 `json:"alpha"`
	AlphaMin    float64 `json:"alpha_min"`
	AlphaMax    float64 `json:"alpha_max"`
	AlphaSource string  `json:"alpha_source"`
}

func simulationJSON(s wage.Simulation) SimulationJSON {
	return SimulationJSON{UMK: s.UMK, Year: s.Year, Region: s.Region, BaseYear: s.BaseYear, BaseUMK: s.Base, Change: s.Change,
		ChangePct: s.ChangePct, Inflation: s.Inflation, Growth: s.Growth, Alpha: s.Alpha, AlphaMin: s.Range.Min, AlphaMax: s.Range.Max, AlphaSource: s.Range.Source}
}

// SimulationsJSON is every regency's simulation.
type SimulationsJSON struct {
	Items []SimulationJSON `json:"items"`
}

func (s *Server) simulateWage(w http.ResponseWriter, c *call) error {
	var b SimulationInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.Region != "" && b.Inflation != nil && b.Growth != nil {
		sim, err := s.App.Wage.Simulate(c.Context(), c.User, wage.SimInput{Year: b.Year, Region: b.Region, Alpha: b.Alpha,
			Inflation: *b.Inflation, Growth: *b.Growth})
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, simulationJSON(sim))
	}
	// A figure left out is the council's input for the year.
	all, err := s.App.Wage.SimulateAll(c.Context(), c.User, wage.AllIn{Year: b.Year, Region: b.Region, Alpha: b.Alpha, Inflation: b.Inflation, Growth: b.Growth})
	if err != nil {
		return err
	}
	if b.Region != "" {
		return writeJSON(w, http.StatusOK, simulationJSON(all[0]))
	}
	out := SimulationsJSON{Items: make([]SimulationJSON, 0, len(all))}
	for _, sm := range all {
		out.Items = append(out.Items, simulationJSON(sm))
	}
	return writeJSON(w, http.StatusOK, out)
}

// WageInputJSON is one of the council's figures with its source.
type WageInputJSON struct {
	Value  float64 `json:"value"`
	Source string  `json:"source"`
}

// CellJSON is a published count: null when withheld (1 to 4).
type CellJSON struct {
	N        *int `json:"n"`
	Withheld bool `json:"withheld"`
}

func cellJSON(c wage.Cell) CellJSON {
	if c.Withheld {
		return CellJSON{Withheld: true}
	}
	n := c.N
	return CellJSON{N: &n}
}

// WageFiguresJSON are the bursa figures the parties cite for a regency.
type WageFiguresJSON struct {
	Year           int      `json:"year"`
	UMK            int64    `json:"umk"`
	Placements     CellJSON `json:"placements"`
	Vacancies      CellJSON `json:"vacancies"`
	AtOrAboveUMK   CellJSON `json:"at_or_above_umk"`
	BelowUMK       CellJSON `json:"below_umk_exempt"`
	MedianWageMin  *int64   `json:"median_wage_min"`
	WageComplaints CellJSON `json:"wage_complaints"`
}

// WageProposalJSON is a party's proposal.
type WageProposalJSON struct {
	Year      int      `json:"year"`
	Region    string   `json:"region"`
	Party     string   `json:"party"`
	Alpha     float64  `json:"alpha"`
	Reasoning string   `json:"reasoning"`
	UMK       *int64   `json:"umk"`
	Change    *int64   `json:"change"`
	ChangePct *float64 `json:"change_pct"`
	UpdatedAt string   `json:"updated_at"`
}

func proposalJSON(year int, p wage.Proposal) WageProposalJSON {
	j := WageProposalJSON{Year: year, Region: p.Region, Party: p.Party, Alpha: p.Alpha, Reasoning: p.Reasoning, UpdatedAt: p.At.UTC().Format(time.RFC3339)}
	if p.UMK != 0 {
		j.UMK, j.Change, j.ChangePct = &p.UMK, &p.Change, &p.ChangePct
	}
	return j
}

// WageRecommendationJSON is the council's published recommendation.
type WageRecommendationJSON struct {
	Year      int     `json:"year"`
	Region    string  `json:"region"`
	Alpha     float64 `json:"alpha"`
	Inflation float64 `json:"inflation"`
	Growth    float64 `json:"growth"`
	BaseUMK   int64   `json:"base_umk"`
	UMK       int64   `json:"umk"`
	Change    int64   `json:"change"`
	ChangePct float64 `json:"change_pct"`
	Note      string  `json:"note"`
	DecidedAt string  `json:"decided_at"`
	LedgerN   int64   `json:"ledger_index"`
}

func recommendationJSON(r wage.Recommendation) WageRecommendationJSON {
	return WageRecommendationJSON{Year: r.Year, Region: r.Region, Alpha: r.Alpha, Inflation: r.Inflation, Growth: r.Growth, BaseUMK: r.Base,
		UMK: r.UMK, Change: r.Change, ChangePct: r.ChangePct, Note: r.Note, DecidedAt: r.DecidedAt.UTC().Format(time.RFC3339), LedgerN: r.LedgerN}
}

// WageRoundRowJSON is one regency in a round.
type WageRoundRowJSON struct {
	Region         string                  `json:"region"`
	Name           string                  `json:"name"`
	History        map[string]int64        `json:"umk_history"`
	Growth         *WageInputJSON          `json:"growth"`
	Simulation     *SimulationJSON         `json:"simulation"`
	Proposals      []WageProposalJSON      `json:"proposals"`
	Recommendation *WageRecommendationJSON `json:"recommendation"`
	Figures        WageFiguresJSON         `json:"figures"`
}

// WageRoundJSON is the council's workspace for the wage of a year.
type WageRoundJSON struct {
	Year          int                `json:"year"`
	AlphaMin      float64            `json:"alpha_min"`
	AlphaMax      float64            `json:"alpha_max"`
	AlphaSource   string             `json:"alpha_source"`
	Alpha         float64            `json:"alpha"`
	Inflation     *WageInputJSON     `json:"inflation"`
	Party         string             `json:"party"`
	ShowProposals bool               `json:"proposals_shown"`
	Rows          []WageRoundRowJSON `json:"regions"`
}

func (s *Server) wageRound(w http.ResponseWriter, c *call) error {
	year, err := strconv.Atoi(c.PathValue("year"))
	if err != nil {
		return db.ErrNotFound
	}
	var alpha float64
	if a := c.URL.Query().Get("alpha"); a != "" {
		if alpha, err = strconv.ParseFloat(a, 64); err != nil {
			return errBadJSON
		}
	}
	rd, err := s.App.Wage.Round(c.Context(), c.User, year, alpha)
	if err != nil {
		return err
	}
	out := WageRoundJSON{Year: rd.Year, AlphaMin: rd.Range.Min, AlphaMax: rd.Range.Max, AlphaSource: rd.Range.Source, Alpha: rd.Alpha,
		Party: rd.Seat, ShowProposals: rd.ShowProposals, Rows: []WageRoundRowJSON{}}
	if rd.Inflation != nil {
		out.Inflation = &WageInputJSON{Value: rd.Inflation.Value, Source: rd.Inflation.Source}
	}
	for _, r := range rd.Rows {
		j := WageRoundRowJSON{Region: r.Region.Code, Name: r.Region.Name, History: map[string]int64{}, Proposals: []WageProposalJSON{}}
		for i, y := range rd.HistoryYears {
			if r.History[i] != 0 {
				j.History[strconv.Itoa(y)] = r.History[i]
			}
		}
		if r.Growth != nil {
			j.Growth = &WageInputJSON{Value: r.Growth.Value, Source: r.Growth.Source}
		}
		if r.Sim != nil {
			sj := simulationJSON(*r.Sim)
			j.Simulation = &sj
		}
		for _, p := range r.Proposals {
			j.Proposals = append(j.Proposals, proposalJSON(rd.Year, p))
		}
		if r.Recommendation != nil {
			rj := recommendationJSON(*r.Recommendation)
			j.Recommendation = &rj
		}
		f := r.Figures
		j.Figures = WageFiguresJSON{Year: f.Year, UMK: f.UMK, Placements: cellJSON(f.Placements), Vacancies: cellJSON(f.Vacancies),
			AtOrAboveUMK: cellJSON(f.AtOrAboveUMK), BelowUMK: cellJSON(f.BelowUMK), WageComplaints: cellJSON(f.WageComplaints)}
		if f.MedianWageMin != 0 {
			m := f.MedianWageMin
			j.Figures.MedianWageMin = &m
		}
		out.Rows = append(out.Rows, j)
	}
	return writeJSON(w, http.StatusOK, out)
}

// WageInputsInput is the body of PUT /api/v1/wage-council/rounds/{year}/inputs.
type WageInputsInput struct {
	Inflation *WageInputJSON           `json:"inflation,omitempty"`
	Growth    map[string]WageInputJSON `json:"growth,omitempty"`
}

func (s *Server) setWageInputs(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	year, err := strconv.Atoi(c.PathValue("year"))
	if err != nil {
		return db.ErrNotFound
	}
	var b WageInputsInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	in := wage.InputsIn{Year: year, Growth: map[string]float64{}, GrowthSource: map[string]string{}}
	if b.Inflation != nil {
		v := b.Inflation.Value
		in.Inflation, in.InflationSource = &v, b.Inflation.Source
	}
	for code, g := range b.Growth {
		in.Growth[code], in.GrowthSource[code] = g.Value, g.Source
	}
	if err := s.App.Wage.SetInputs(c.Context(), c.User, in); err != nil {
		return err
	}
	inputs, err := s.App.Wage.Inputs(c.Context(), year)
	if err != nil {
		return err
	}
	out := WageInputsInput{Growth: map[string]WageInputJSON{}}
	for code, v := range inputs {
		if code == wage.ProvinceCode {
			out.Inflation = &WageInputJSON{Value: v.Value, Source: v.Source}
		} else {
			out.Growth[code] = WageInputJSON{Value: v.Value, Source: v.Source}
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

// WageProposalInput is the body of POST /api/v1/wage-council/proposals.
type WageProposalInput struct {
	Year      int     `json:"year"`
	Region    string  `json:"region"`
	Alpha     float64 `json:"alpha"`
	Reasoning string  `json:"reasoning"`
}

func (s *Server) proposeWage(w http.ResponseWriter, c *call) error {
	var b WageProposalInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	p, err := s.App.Wage.Propose(c.Context(), c.User, wage.ProposalIn{Year: b.Year, Region: b.Region, Alpha: b.Alpha, Reasoning: b.Reasoning})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, proposalJSON(b.Year, p))
}

// WageRecommendationInput is the body of POST /api/v1/wage-council/recommendations.
type WageRecommendationInput struct {
	Year   int     `json:"year"`
	Region string  `json:"region"`
	Alpha  float64 `json:"alpha"`
	Note   string  `json:"note"`
}

func (s *Server) recommendWage(w http.ResponseWriter, c *call) error {
	var b WageRecommendationInput
	if err := decode(w, c, &b); err != nil {
		return err
	}
	r, err := s.App.Wage.Recommend(c.Context(), c.User, wage.RecommendIn{Year: b.Year, Region: b.Region, Alpha: b.Alpha, Note: b.Note})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, recommendationJSON(r))
}

// WageRecommendationsJSON lists a year's published recommendations.
type WageRecommendationsJSON struct {
	Items []WageRecommendationJSON `json:"items"`
}

func (s *Server) listWageRecommendations(w http.ResponseWriter, c *call) error {
	year, err := strconv.Atoi(c.URL.Query().Get("year"))
	if err != nil {
		year = wage.NextYear()
	}
	recs, err := s.App.Wage.Recommendations(c.Context(), year)
	if err != nil {
		return err
	}
	out := WageRecommendationsJSON{Items: []WageRecommendationJSON{}}
	for _, r := range recs {
		out.Items = append(out.Items, recommendationJSON(r))
	}
	return writeJSON(w, http.StatusOK, out)
}

// WageMemberJSON is a seat on the council.
type WageMemberJSON struct {
	UserID     int64  `json:"user_id"`
	Name       string `json:"name"`
	Party      string `json:"party"`
	AssignedAt string `json:"assigned_at"`
}

// WageMembersJSON lists the council's seats.
type WageMembersJSON struct {
	Items []WageMemberJSON `json:"items"`
}

func (s *Server) listWageMembers(w http.ResponseWriter, c *call) error {
	ms, err := s.App.Wage.Members(c.Context(), c.User)
	if err != nil {
		return err
	}
	out := WageMembersJSON{Items: []WageMemberJSON{}}
	for _, m := range ms {
		out.Items = append(out.Items, WageMemberJSON{UserID: m.UserID, Name: m.Name, Party: m.Party, AssignedAt: m.AssignedAt.UTC().Format(time.RFC3339)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// WageMemberInput seats a user for a party; an empty party removes the seat.
type WageMemberInput struct {
	Party string `json:"party"`
}

func (s *Server) setWageMember(w http.ResponseWriter, c *call) error {
	if c.User == nil {
		return errUnauthorized
	}
	var b WageMemberInput
	id, err := pathIDAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Wage.SetMember(c.Context(), c.User, id, b.Party); err != nil {
		return err
	}
	return s.listWageMembers(w, c)
}
