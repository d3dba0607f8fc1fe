package api

import (
	"context"
	"net/http"

	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/ledgertext"
)

// LedgerItemJSON is one public-log record about an object, said in words.
type LedgerItemJSON struct {
	N    int64  `json:"n"`
	Kind string `json:"kind"`
	At   string `json:"at"`
	Text string `json:"text"`
	URL  string `json:"url"`
}

// LedgerHistoryJSON is an object's history in the public log, oldest first.
type LedgerHistoryJSON struct {
	Items []LedgerItemJSON `json:"items"`
}

// ledgerAPI lists the endpoints of public objects' log histories.
func (s *Server) ledgerAPI() []route {
	return []route{
		{"GET", "/api/v1/vacancies/{id}/ledger", s.objectLedger(ledger.ObjVacancy, func(ctx context.Context, id int64) error {
			// Whatever the public may not see (a draft, a vacancy held
			// until its company is verified) has no history to show: 404,
			// as GET /api/v1/vacancies/{id} answers the public.
			_, err := s.App.Vacancies.Visible(ctx, nil, id)
			return err
		})},
		{"GET", "/api/v1/employers/{id}/ledger", s.objectLedger(ledger.ObjEmployer, func(ctx context.Context, id int64) error {
			_, err := s.App.Employers.Get(ctx, id)
			return err
		})},
		{"GET", "/api/v1/training/programs/{id}/ledger", s.objectLedger(ledger.ObjProgram, func(ctx context.Context, id int64) error {
			_, err := s.App.Training.ProgramFor(ctx, nil, id)
			return err
		})},
		{"GET", "/api/v1/training/rounds/{id}/ledger", s.objectLedger(ledger.ObjRound, func(ctx context.Context, id int64) error {
			_, err := s.App.Training.Round(ctx, id)
			return err
		})},
	}
}

// objectLedger answers an object's history: every record about it, oldest
// first, in the caller's language (Accept-Language, or ?lang=id|en, which
// wins: a link can then choose). The same for everyone, logged in or not.
func (s *Server) objectLedger(object string, public func(context.Context, int64) error) handler {
	return func(w http.ResponseWriter, c *call) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		if err := public(c.Context(), id); err != nil {
			return err
		}
		lang := c.Lang
		if l := c.URL.Query().Get("lang"); l != "" {
			lang = i18n.Lang(l)
		}
		lines, err := s.App.LedgerText.History(c.Context(), lang, ledger.RefOf(object, id))
		if err != nil {
			return err
		}
		base := s.App.PublicBase(c.Request)
		out := LedgerHistoryJSON{Items: make([]LedgerItemJSON, 0, len(lines))}
		for _, l := range lines {
			out.Items = append(out.Items, LedgerItemJSON{N: l.N, Kind: l.Kind, At: rfc3339(l.At), Text: l.Text,
				URL: base + ledgertext.RecordPath(l.N)})
		}
		w.Header().Set("Content-Language", lang)
		return writeJSON(w, http.StatusOK, out)
	}
}
