package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wage"
)

// wageRoutes registers the wage council's workspace (/dewan-pengupahan) and
// the LKS Tripartit's agenda (/tripartit). Both are public to read; the
// forms show for the roles and seats that may use them.
func (s *Server) wageRoutes(mux *http.ServeMux) {
	mux.Handle("GET /dewan-pengupahan", s.page(s.wageCurrent))
	mux.Handle("GET /dewan-pengupahan/{year}", s.page(s.wageRound))
	mux.Handle("POST /dewan-pengupahan/{year}/masukan", s.page(s.wageInputsPost))
	mux.Handle("POST /dewan-pengupahan/{year}/usulan", s.page(s.wageProposalPost))
	mux.Handle("POST /dewan-pengupahan/{year}/rekomendasi", s.page(s.wageRecommendPost))
	mux.Handle("POST /dewan-pengupahan/anggota", s.page(s.wageMemberPost))
	mux.Handle("GET /tripartit", s.page(s.tripartite))
	mux.Handle("POST /tripartit", s.page(s.tripartiteCreate))
	mux.Handle("GET /tripartit/{id}", s.page(s.tripartiteMeeting))
	mux.Handle("POST /tripartit/{id}/agenda", s.page(s.tripartiteItemPost))
	mux.Handle("POST /tripartit/{id}/agenda/{item}/rekomendasi", s.page(s.tripartiteRecommendPost))
	mux.Handle("POST /tripartit/{id}/rekomendasi/{rec}", s.page(s.tripartiteFollowUpPost))
}

// decimal writes x with d decimals in the reader's language (2,50 or 2.50).
func decimal(lang string, x float64, d int) string {
	s := strconv.FormatFloat(x, 'f', d, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// signedRupiah writes a change with its sign.
func signedRupiah(n int64) string {
	if n < 0 {
		return "−" + rupiahOf(-n)
	}
	return "+" + rupiahOf(n)
}

func rupiahOf(n int64) string { return vacancy.Rupiah(n) }

func nan() float64 { return math.NaN() }

// renameFields moves field errors to the names a page's form uses where
// two forms on one page share a domain field name (region, alpha).
func renameFields(err error, names map[string]string) error {
	ve, ok := valid.As(err)
	if !ok {
		return err
	}
	out := make(valid.Errors, len(ve))
	for i, fe := range ve {
		if n, ok := names[fe.Field]; ok {
			fe.Field = n
		}
		out[i] = fe
	}
	return out
}

// wageRow is one regency as the page shows it, numbers already written out.
type wageRow struct {
	wage.RoundRow
	History   []string
	Sim       string
	Change    string
	ChangePct string
	Growth    string
	// GrowthField and SourceField name the inputs form's fields.
	GrowthField, SourceField string
	Proposals                []wageProposalRow
	Rec                      *wageRecRow
	MedianWage               string
}

type wageProposalRow struct {
	wage.Proposal
	AlphaS, UMK, Change, ChangePct string
}

type wageRecRow struct {
	wage.Recommendation
	AlphaS, UMK, Change, ChangePct string
}

type wageData struct {
	R          wage.Round
	Rows       []wageRow
	AlphaMin   string
	AlphaMax   string
	Alpha      string
	Inflation  string
	HasSim     bool
	AnyRec     bool
	AnyProp    bool
	Parties    []string
	Members    []wage.Member
	CanSeat    bool
	PrevYear   int
	AlphaInput string
}

func (s *Server) wageCurrent(w http.ResponseWriter, r *req) error {
	http.Redirect(w, r.Request, fmt.Sprintf("/dewan-pengupahan/%d", wage.NextYear()), http.StatusSeeOther)
	return nil
}

func wageYear(r *req) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, db.ErrNotFound
	}
	if _, ok := ref.AlphaFor(y); !ok {
		return 0, db.ErrNotFound
	}
	return y, nil
}

func (s *Server) wageData(r *req, year int, alpha float64) (wageData, error) {
	rd, err := s.App.Wage.Round(r.Context(), r.User, year, alpha)
	if err != nil {
		return wageData{}, err
	}
	l := r.Lang
	d := wageData{R: rd, AlphaMin: decimal(l, rd.Range.Min, 2), AlphaMax: decimal(l, rd.Range.Max, 2), Alpha: decimal(l, rd.Alpha, 2),
		AlphaInput: strconv.FormatFloat(rd.Alpha, 'f', 2, 64), Parties: wage.Parties, PrevYear: year - 1,
		CanSeat: r.User != nil && r.User.Can(auth.WageMembers)}
	if rd.Inflation != nil {
		d.Inflation = decimal(l, rd.Inflation.Value, 2)
	}
	if rd.ShowProposals {
		if d.Members, err = s.App.Wage.Members(r.Context(), r.User); err != nil {
			return d, err
		}
	}
	for _, row := range rd.Rows {
		v := wageRow{RoundRow: row, GrowthField: "growth." + row.Region.Code, SourceField: "growth_source." + row.Region.Code}
		for _, h := range row.History {
			if h == 0 {
				v.History = append(v.History, "–")
			} else {
				v.History = append(v.History, rupiahOf(h))
			}
		}
		if row.Growth != nil {
			v.Growth = decimal(l, row.Growth.Value, 2)
		}
		if row.Sim != nil {
			d.HasSim = true
			v.Sim, v.Change, v.ChangePct = rupiahOf(row.Sim.UMK), signedRupiah(row.Sim.Change), decimal(l, row.Sim.ChangePct, 2)
		}
		for _, p := range row.Proposals {
			d.AnyProp = true
			pr := wageProposalRow{Proposal: p, AlphaS: decimal(l, p.Alpha, 2), UMK: "–", Change: "–", ChangePct: "–"}
			if p.UMK != 0 {
				pr.UMK, pr.Change, pr.ChangePct = rupiahOf(p.UMK), signedRupiah(p.Change), decimal(l, p.ChangePct, 2)
			}
			v.Proposals = append(v.Proposals, pr)
		}
		if rc := row.Recommendation; rc != nil {
			d.AnyRec = true
			v.Rec = &wageRecRow{Recommendation: *rc, AlphaS: decimal(l, rc.Alpha, 2), UMK: rupiahOf(rc.UMK), Change: signedRupiah(rc.Change), ChangePct: decimal(l, rc.ChangePct, 2)}
		}
		if row.Figures.MedianWageMin != 0 {
			v.MedianWage = rupiahOf(row.Figures.MedianWageMin)
		}
		d.Rows = append(d.Rows, v)
	}
	return d, nil
}

func (s *Server) renderWage(w http.ResponseWriter, r *req, status int, b base, year int, alpha float64) error {
	d, err := s.wageData(r, year, alpha)
	if err != nil {
		return err
	}
	return s.render(w, status, "wage_round", b, d)
}

func (s *Server) wageRound(w http.ResponseWriter, r *req) error {
	year, err := wageYear(r)
	if err != nil {
		return err
	}
	var alpha float64
	b := s.newBase(w, r, "wage.title")
	if a := strings.TrimSpace(strings.Replace(r.URL.Query().Get("alpha"), ",", ".", 1)); a != "" {
		alpha, err = strconv.ParseFloat(a, 64)
		if err != nil {
			alpha = -1 // out of every range: the page says so beside the field
		}
	}
	d, err := s.wageData(r, year, alpha)
	if eb, ok := s.withErrors(b, r, err); ok {
		eb.Form = r.URL.Query()
		d, err = s.wageData(r, year, 0)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "wage_round", eb, d)
	} else if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "wage_round", b, d)
}

// formFloat reads a decimal typed with a comma or a dot; an unreadable one
// is NaN, which every range check refuses beside its field.
func formFloat(r *req, name string) float64 {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(r.PostFormValue(name)), ",", ".", 1), 64)
	if err != nil {
		return nan()
	}
	return v
}

// wagePosted finishes a council form: field errors re-render the page
// beside the fields, success redirects back with a message.
func (s *Server) wagePosted(w http.ResponseWriter, r *req, year int, err error, okKey, anchor string) error {
	if b, ok := s.withErrors(s.newBase(w, r, "wage.title"), r, err); ok {
		return s.renderWage(w, r, http.StatusUnprocessableEntity, b, year, 0)
	} else if err != nil {
		return err
	}
	s.flash(w, r, okKey)
	http.Redirect(w, r.Request, fmt.Sprintf("/dewan-pengupahan/%d#%s", year, anchor), http.StatusSeeOther)
	return nil
}

// wageForm reads a posted council form of the path's year: the login first,
// then the year, then the form.
func (s *Server) wageForm(w http.ResponseWriter, r *req) (int, error) {
	if r.User == nil {
		return 0, errLogin
	}
	year, err := wageYear(r)
	if err != nil {
		return 0, err
	}
	return year, parseForm(w, r)
}

func (s *Server) wageInputsPost(w http.ResponseWriter, r *req) error {
	year, err := s.wageForm(w, r)
	if err != nil {
		return err
	}
	in := wage.InputsIn{Year: year, Growth: map[string]float64{}, GrowthSource: map[string]string{}}
	if strings.TrimSpace(r.PostFormValue("inflation")) != "" {
		v := formFloat(r, "inflation")
		in.Inflation, in.InflationSource = &v, r.PostFormValue("inflation_source")
	}
	for _, reg := range ref.Regions() {
		if strings.TrimSpace(r.PostFormValue("growth."+reg.Code)) != "" {
			in.Growth[reg.Code], in.GrowthSource[reg.Code] = formFloat(r, "growth."+reg.Code), r.PostFormValue("growth_source."+reg.Code)
		}
	}
	return s.wagePosted(w, r, year, s.App.Wage.SetInputs(r.Context(), r.User, in), "flash.wage_inputs_saved", "masukan")
}

func (s *Server) wageProposalPost(w http.ResponseWriter, r *req) error {
	year, err := s.wageForm(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Wage.Propose(r.Context(), r.User, wage.ProposalIn{Year: year, Region: r.PostFormValue("region"),
		Alpha: formFloat(r, "alpha"), Reasoning: r.PostFormValue("reasoning")})
	return s.wagePosted(w, r, year, err, "flash.wage_proposal_saved", "usulan")
}

func (s *Server) wageRecommendPost(w http.ResponseWriter, r *req) error {
	year, err := s.wageForm(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Wage.Recommend(r.Context(), r.User, wage.RecommendIn{Year: year, Region: r.PostFormValue("rec_region"),
		Alpha: formFloat(r, "rec_alpha"), Note: r.PostFormValue("note")})
	return s.wagePosted(w, r, year, renameFields(err, map[string]string{"region": "rec_region", "alpha": "rec_alpha"}), "flash.wage_recommended", "rekomendasi")
}

func (s *Server) wageMemberPost(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.App.Wage.SetMemberByLogin(r.Context(), r.User, r.PostFormValue("member_login"), r.PostFormValue("party"))
	year := wage.NextYear()
	return s.wagePosted(w, r, year, renameFields(err, map[string]string{"login": "member_login", "user": "member_login"}), "flash.wage_member_saved", "anggota")
}
