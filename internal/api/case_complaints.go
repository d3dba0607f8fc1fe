package api

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
)

// A complaint inside a case, as its officers open it (audited, and shown
// to the complainant as an opening) and write to its complainant. A
// complaint of another case, or of a case the caller does not handle, is
// not found.

// ConfidentialJSON is a complaint opened by an officer of its case.
type ConfidentialJSON struct {
	ComplaintID     int64          `json:"complaint_id"`
	CaseID          int64          `json:"case_id"`
	Category        string         `json:"category"`
	Via             string         `json:"via"`
	Region          string         `json:"region"`
	Employer        string         `json:"employer"`
	HappenedOn      string         `json:"happened_on,omitempty"`
	WorkersAffected int            `json:"workers_affected"`
	UMK             UMKJSON        `json:"umk"`
	Anonymous       bool           `json:"anonymous"`
	ConsentEmployer bool           `json:"consent_employer"`
	Adverse         string         `json:"adverse,omitempty"`
	FiledAt         string         `json:"filed_at"`
	Identity        *IdentityJSON  `json:"identity"`
	Narrative       string         `json:"narrative"`
	MonthlyWage     int64          `json:"monthly_wage,omitempty"`
	Members         []MemberJSON   `json:"members"`
	UnnamedMembers  int            `json:"unnamed_members"`
	Files           []FileJSON     `json:"files"`
	Messages        []MessageJSON  `json:"messages"`
	Fee             map[string]any `json:"fee,omitempty"`
}

// IdentityJSON is who filed a complaint.
type IdentityJSON struct {
	UserID    int64  `json:"user_id,omitempty"`
	Name      string `json:"name"`
	Contact   string `json:"contact,omitempty"`
	UnionName string `json:"union_name,omitempty"`
}

// MemberJSON is a named member with the recorded consent.
type MemberJSON struct {
	Name        string `json:"name"`
	HasAccount  bool   `json:"has_account"`
	ConsentAt   string `json:"consent_at"`
	ConsentNote string `json:"consent_note,omitempty"`
}

// FileJSON describes an evidence file.
type FileJSON struct {
	ID       int64  `json:"id"`
	Type     string `json:"type"`
	Size     int64  `json:"size"`
	Stripped bool   `json:"stripped"`
}

func confidentialJSON(x complaint.Confidential) ConfidentialJSON {
	j := ConfidentialJSON{ComplaintID: x.ComplaintID, CaseID: x.CaseID, Category: x.Category, Via: x.Via, Region: x.Region,
		Employer: x.Employer, HappenedOn: isoDate(x.HappenedOn), WorkersAffected: x.WorkersAffected, UMK: umkJSON(x.UMK),
		Anonymous: x.Anonymous, ConsentEmployer: x.ConsentEmployer, Adverse: x.Adverse, FiledAt: rfc3339(x.FiledAt),
		Narrative: x.Narrative.Text, MonthlyWage: x.Narrative.MonthlyWage, Members: []MemberJSON{}, UnnamedMembers: x.UnnamedMembers,
		Files: []FileJSON{}, Messages: messagesJSON(x.Messages)}
	if x.Identity != nil {
		j.Identity = &IdentityJSON{UserID: x.Identity.UserID, Name: x.Identity.Name, Contact: x.Identity.Contact, UnionName: x.Identity.UnionName}
	}
	if n := x.Narrative; n.WhoAsked != "" {
		j.Fee = map[string]any{"who_asked": n.WhoAsked, "when": n.When, "how": n.How, "details": n.Details}
	}
	for _, m := range x.Members {
		j.Members = append(j.Members, MemberJSON{Name: m.Name, HasAccount: m.HasAccount, ConsentAt: rfc3339(m.ConsentAt), ConsentNote: m.ConsentNote})
	}
	for _, f := range x.Files {
		j.Files = append(j.Files, FileJSON{ID: f.ID, Type: f.Type, Size: f.Size, Stripped: f.Stripped})
	}
	return j
}

// caseComplaintIDs reads {id} (the case) and {complaint} from the path.
func caseComplaintIDs(c *call) (caseID, complaintID int64, err error) {
	if caseID, err = pathID(c); err != nil {
		return 0, 0, err
	}
	complaintID, err = strconv.ParseInt(c.PathValue("complaint"), 10, 64)
	if err != nil || complaintID <= 0 {
		return 0, 0, db.ErrNotFound
	}
	return caseID, complaintID, nil
}

func (s *Server) openCaseComplaint(w http.ResponseWriter, c *call) error {
	caseID, id, err := caseComplaintIDs(c)
	if err != nil {
		return err
	}
	x, err := s.App.Complaints.OpenCaseComplaint(c.Context(), c.User, caseID, id)
	if err != nil {
		return err
	}
	return writeNoStore(w, http.StatusOK, confidentialJSON(x))
}

func (s *Server) messageCaseComplaint(w http.ResponseWriter, c *call) error {
	caseID, id, err := caseComplaintIDs(c)
	if err != nil {
		return err
	}
	var b messageBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Complaints.MessageCaseComplainant(c.Context(), c.User, caseID, id, b.Body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
