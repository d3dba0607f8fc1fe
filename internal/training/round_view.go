package training

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
)

// maxOfferDetails caps the programs a round's page describes in full: a
// province-wide round may hold thousands, and its page then lists the
// lines alone.
const maxOfferDetails = 200

// RoundDetail is a round as one viewer sees it: its programs and, for a job
// seeker, which they may rank and what they ranked.
type RoundDetail struct {
	Round
	Open   bool // takes applications now
	Closed bool // past its closing time, not yet allocated
	Offers []RoundOffer
	// IsSeeker: the viewer is a job seeker with a profile; NeedProfile: a job
	// seeker still without one.
	IsSeeker       bool
	NeedProfile    bool
	Application    Application
	HasApplication bool
	MayAllocate    bool // the viewer may run the round (MayRunRound)
}

// RoundOffer is a program's line in a round with, for the first
// maxOfferDetails lines, the program itself (HasProgram) as it stood when
// the round opened, and for a job seeker the message id of the rule they
// fail there ("" when they may rank it).
type RoundOffer struct {
	RoundProgram
	Program    Program
	HasProgram bool
	Ineligible string
}

// Eligible lists the offers a job seeker may rank.
func (d RoundDetail) Eligible() []RoundOffer {
	var out []RoundOffer
	for _, o := range d.Offers {
		if d.IsSeeker && o.HasProgram && o.Ineligible == "" {
			out = append(out, o)
		}
	}
	return out
}

// RoundFor returns round id as viewer u (nil: a visitor) sees it.
func (s *Store) RoundFor(ctx context.Context, u *auth.User, id int64) (RoundDetail, error) {
	r, err := s.Round(ctx, id)
	if err != nil {
		return RoundDetail{}, err
	}
	now := s.Now()
	d := RoundDetail{Round: r, Open: r.OpenAt(now), Closed: r.ClosedAt(now)}
	ids := make([]int64, 0, min(len(r.Programs), maxOfferDetails))
	for _, rp := range r.Programs[:min(len(r.Programs), maxOfferDetails)] {
		ids = append(ids, rp.ProgramID)
	}
	programs, err := s.programsByID(ctx, s.DB, ids)
	if err != nil {
		return RoundDetail{}, err
	}
	sk, isSeeker, err := s.viewerSeeker(ctx, u)
	if err != nil {
		return RoundDetail{}, err
	}
	d.IsSeeker, d.NeedProfile = isSeeker, !isSeeker && u.Can(auth.ApplyTraining)
	for _, rp := range r.Programs {
		o := RoundOffer{RoundProgram: rp}
		if p, ok := programs[rp.ProgramID]; ok {
			p.Priority = rp.Priority // as it stood when the round opened
			o.Program, o.HasProgram = p, true
			if isSeeker {
				o.Ineligible = p.Ineligible(sk.Applicant, r.CloseDay())
			}
		}
		d.Offers = append(d.Offers, o)
	}
	if isSeeker {
		if d.Application, d.HasApplication, err = s.ApplicationOf(ctx, id, sk.ID); err != nil {
			return RoundDetail{}, err
		}
	}
	a, err := actorOf(ctx, s.DB, u)
	if err != nil {
		return RoundDetail{}, err
	}
	d.MayAllocate = a.runRound(r.ProviderID) == nil
	return d, nil
}
