package vacancy

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
)

// Report is a vacancy report as one reader may have it.
type Report struct {
	Query ReportQuery
	// Province: an official's report of every employer (or one
	// regency/city), other employers' few hires withheld (Protect).
	Province bool
	// Employer is the company whose own report this is, when not Province.
	Employer employer.Employer
	Rows     []ReportRow
	Totals   []ReportTotals
}

// ReportFor returns the report u may read for the period from–to (YYYY-MM-DD,
// defaults as ParseReportQuery): officials who read labor-market figures
// (auth.ViewStats) get the province's, or one regency/city's; an employer
// gets its own vacancies only, whatever region it asks for. When the period
// is invalid the error comes with the report's scope and query filled in, so
// a page can show the form again with the message beside its field.
func (s *Store) ReportFor(ctx context.Context, u *auth.User, from, to, region string) (Report, error) {
	r := Report{Province: u.Can(auth.ViewStats)}
	if !r.Province {
		// Anybody else reads their own company's report, or nothing: nobody
		// is asked to log in, other roles are refused.
		var err error
		if r.Employer, err = s.Employers.Current(ctx, u); err != nil {
			return Report{}, err
		}
	}
	q, err := ParseReportQuery(from, to, region, s.Now())
	if !r.Province {
		q.EmployerID, q.Region = r.Employer.ID, ""
	}
	r.Query = q
	if err != nil {
		return r, err
	}
	if r.Rows, err = s.Report(ctx, q); err != nil {
		return Report{}, err
	}
	if r.Province {
		Protect(r.Rows) // other employers' few hires are people
	}
	r.Totals = Totals(r.Rows)
	return r, nil
}
