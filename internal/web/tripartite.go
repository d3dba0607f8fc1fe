package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wage"
)

// The LKS Tripartit's agenda: meetings, their items linked to figures and
// to workers' aspirations, and recommendations with their follow-up, all
// public; the secretariat (analis, petugas) records them.

type tripartiteData struct {
	Meetings []wage.Meeting
	CanEdit  bool
}

func (s *Server) tripartite(w http.ResponseWriter, r *req) error {
	return s.renderTripartite(w, r, http.StatusOK, s.newBase(w, r, "tripartite.title"))
}

func (s *Server) renderTripartite(w http.ResponseWriter, r *req, status int, b base) error {
	ms, err := s.App.Wage.Meetings(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, status, "tripartite", b, tripartiteData{Meetings: ms, CanEdit: r.User != nil && r.User.Can(auth.ManageTripartite)})
}

func (s *Server) tripartiteCreate(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	m, err := s.App.Wage.CreateMeeting(r.Context(), r.User, wage.MeetingIn{HeldOn: r.PostFormValue("held_on"), Title: r.PostFormValue("title"), Place: r.PostFormValue("place")})
	if b, ok := s.withErrors(s.newBase(w, r, "tripartite.title"), r, err); ok {
		return s.renderTripartite(w, r, http.StatusUnprocessableEntity, b)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.tripartite_meeting_saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/tripartit/%d", m.ID), http.StatusSeeOther)
	return nil
}

type meetingData struct {
	M           wage.Meeting
	CanEdit     bool
	States      []string
	Aspirations []complaint.Aspiration
}

func (s *Server) renderMeeting(w http.ResponseWriter, r *req, status int, b base, id int64) error {
	m, err := s.App.Wage.Meeting(r.Context(), id)
	if err != nil {
		return err
	}
	d := meetingData{M: m, CanEdit: r.User != nil && r.User.Can(auth.ManageTripartite), States: wage.States}
	if d.CanEdit {
		// The latest aspirations to link an item to; older ones by number.
		if d.Aspirations, err = s.App.Complaints.Aspirations(r.Context(), 30, 0); err != nil {
			return err
		}
	}
	b.Title = m.Title
	return s.render(w, status, "tripartite_meeting", b, d)
}

func meetingID(r *req) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, db.ErrNotFound
	}
	return id, nil
}

func (s *Server) tripartiteMeeting(w http.ResponseWriter, r *req) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	return s.renderMeeting(w, r, http.StatusOK, s.newBase(w, r, "tripartite.title"), id)
}

// meetingPosted finishes a meeting form like wagePosted does.
func (s *Server) meetingPosted(w http.ResponseWriter, r *req, id int64, err error, okKey, anchor string) error {
	if b, ok := s.withErrors(s.newBase(w, r, "tripartite.title"), r, err); ok {
		return s.renderMeeting(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, okKey)
	http.Redirect(w, r.Request, fmt.Sprintf("/tripartit/%d#%s", id, anchor), http.StatusSeeOther)
	return nil
}

func (s *Server) tripartiteItemPost(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	asp, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("aspiration_id")), 10, 64)
	it, err := s.App.Wage.AddItem(r.Context(), r.User, id, wage.ItemIn{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"),
		Figure: r.PostFormValue("figure"), AspirationID: asp})
	return s.meetingPosted(w, r, id, err, "flash.tripartite_item_saved", fmt.Sprintf("agenda-%d", it.ID))
}

func (s *Server) tripartiteRecommendPost(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil {
		return db.ErrNotFound
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	_, err = s.App.Wage.RecommendOnItem(r.Context(), r.User, item, r.PostFormValue("rec_body"))
	if err := s.flashOutcome(w, r, renameFields(err, map[string]string{"body": "rec_body"}), "flash.tripartite_rec_saved"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/tripartit/%d#agenda-%d", id, item), http.StatusSeeOther)
	return nil
}

func (s *Server) tripartiteFollowUpPost(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	rec, err := strconv.ParseInt(r.PathValue("rec"), 10, 64)
	if err != nil {
		return db.ErrNotFound
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	_, err = s.App.Wage.FollowUp(r.Context(), r.User, rec, r.PostFormValue("state"), r.PostFormValue("follow_up"))
	if err := s.flashOutcome(w, r, err, "flash.tripartite_followup_saved"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/tripartit/%d#rekomendasi-%d", id, rec), http.StatusSeeOther)
	return nil
}
