package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The profile's background on the API: address, work history, driving
// licences and languages (seeker/background.go), and the kecamatan/village
// search the address is chosen by.

// AddressJSON is the address below the domicile regency: Kemendagri codes
// of a kecamatan (6 digits) and a village (10 digits, optional), and the
// street with RT/RW, which only the seeker sees.
type AddressJSON struct {
	Kecamatan string `json:"kecamatan"`
	Village   string `json:"village"`
	Street    string `json:"street"`
}

// ExperienceJSON is one job of the work history. Months are YYYY-MM; to is
// empty while current.
type ExperienceJSON struct {
	Employer    string `json:"employer"`
	Title       string `json:"title"`
	Occupation  string `json:"occupation"`
	From        string `json:"from"`
	To          string `json:"to"`
	Current     bool   `json:"current"`
	Description string `json:"description"`
}

// LicenceJSON is a driving licence class and its expiry (YYYY-MM-DD or "").
type LicenceJSON struct {
	Class     string `json:"class"`
	ExpiresOn string `json:"expires_on"`
}

// LanguageJSON is a language and how well it is spoken.
type LanguageJSON struct {
	Code  string `json:"code"`
	Level string `json:"level"`
}

// AreaJSON is one answer of the address search.
type AreaJSON struct {
	Code          string `json:"code"`
	Kecamatan     string `json:"kecamatan"`
	KecamatanName string `json:"kecamatan_name"`
	Village       string `json:"village"`
	VillageName   string `json:"village_name"`
}

func backgroundJSON(b seeker.Background) (AddressJSON, []ExperienceJSON, []LicenceJSON, []LanguageJSON) {
	a := AddressJSON{Kecamatan: b.Address.District, Village: b.Address.Village, Street: b.Address.Street}
	es, ls, gs := []ExperienceJSON{}, []LicenceJSON{}, []LanguageJSON{}
	for _, e := range b.Experiences {
		es = append(es, ExperienceJSON{Employer: e.Employer, Title: e.Title, Occupation: e.Occupation, From: e.From, To: e.To,
			Current: e.Current, Description: e.Description})
	}
	for _, l := range b.Licences {
		ls = append(ls, LicenceJSON{Class: l.Class, ExpiresOn: l.ExpiresOn})
	}
	for _, l := range b.Languages {
		gs = append(gs, LanguageJSON{Code: l.Code, Level: l.Level})
	}
	return a, es, ls, gs
}

// backgroundInput is the background a PUT asks for: each part left out is
// the stored one (none before registering).
func (s *Server) backgroundInput(c *call, in ProfileInput) (seeker.Background, error) {
	cur, _, err := s.App.Seekers.ProfileOf(c.Context(), c.User)
	if err != nil {
		return seeker.Background{}, err
	}
	b := cur.Background
	if in.Address != nil {
		b.Address = seeker.Address{District: in.Address.Kecamatan, Village: in.Address.Village, Street: in.Address.Street}
	}
	if in.Experiences != nil {
		b.Experiences = []seeker.Experience{}
		for _, e := range in.Experiences {
			b.Experiences = append(b.Experiences, seeker.Experience{Employer: e.Employer, Title: e.Title, Occupation: e.Occupation,
				From: e.From, To: e.To, Current: e.Current, Description: e.Description})
		}
	}
	if in.Licences != nil {
		b.Licences = []seeker.Licence{}
		for _, l := range in.Licences {
			b.Licences = append(b.Licences, seeker.Licence{Class: l.Class, ExpiresOn: l.ExpiresOn})
		}
	}
	if in.Languages != nil {
		b.Languages = []seeker.Language{}
		for _, l := range in.Languages {
			b.Languages = append(b.Languages, seeker.Language{Code: l.Code, Level: l.Level})
		}
	}
	return b, nil
}

func (s *Server) findAreas(w http.ResponseWriter, c *call) error {
	out := []AreaJSON{}
	q := c.URL.Query()
	regency := q.Get("regency")
	if _, ok := ref.RegionByCode(regency); !ok && regency != "" {
		return valid.New("regency", "region_invalid")
	}
	for _, a := range ref.FindAreas(regency, q.Get("q"), 40) {
		out = append(out, AreaJSON{Code: a.Code(), Kecamatan: a.District.Code, KecamatanName: a.District.Name,
			Village: a.Village.Code, VillageName: a.Village.Name})
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
