package complaint

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
)

// evidenceChunk is the plaintext size of one stored piece of a large
// evidence file. Sealing and inserting a 10 MB file whole held three copies
// of it per request (the cleaned bytes, the sealed bytes, the driver's), and
// four uploads at once grew the process by up to 200 MB; in pieces, a
// request holds one piece beyond the file it is checking.
const evidenceChunk = 1 << 20

// chunkContext binds a sealed piece to its file and place, so pieces cannot
// be swapped between files or reordered without Open failing.
func chunkContext(fileID int64, n int) string {
	return ctxEvidence + "/" + strconv.FormatInt(fileID, 10) + "/" + strconv.Itoa(n)
}

// storeEvidence seals cf and stores it for complaint id: a small file
// whole in complaint_files.data_enc (as before), a larger one in sealed
// pieces in complaint_file_chunks, with data_enc left empty.
func (s *Store) storeEvidence(ctx context.Context, tx *db.Tx, complaintID int64, cf cleanedFile, now time.Time) error {
	if cf.data.Len() <= spoolAbove {
		data, err := cf.data.Bytes()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_files (complaint_id, media_type, size, stripped, data_enc, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, complaintID, cf.typ, cf.size, cf.stripped, s.Box.Seal(data, ctxEvidence), now); err != nil {
			return fmt.Errorf("store evidence: %w", err)
		}
		return nil
	}
	fileID, err := db.InsertID(ctx, tx, `INSERT INTO complaint_files (complaint_id, media_type, size, stripped, data_enc, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, complaintID, cf.typ, cf.size, cf.stripped, []byte{}, now)
	if err != nil {
		return fmt.Errorf("store evidence: %w", err)
	}
	var sealed []byte
	return cf.data.Chunks(evidenceChunk, func(n int, chunk []byte) error {
		sealed = s.Box.SealTo(sealed, chunk, chunkContext(fileID, n))
		if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_file_chunks (file_id, n, data_enc) VALUES (?, ?, ?)`,
			fileID, n, sealed); err != nil {
			return fmt.Errorf("store evidence piece %d: %w", n, err)
		}
		return nil
	})
}

// openEvidence returns the plaintext of file fileID whose inline sealed
// bytes are inline (empty for a file stored in pieces).
func (s *Store) openEvidence(ctx context.Context, q db.Querier, fileID int64, inline []byte) ([]byte, error) {
	if len(inline) > 0 {
		return s.Box.Open(inline, ctxEvidence)
	}
	rows, err := q.QueryContext(ctx, `SELECT n, data_enc FROM complaint_file_chunks WHERE file_id = ? ORDER BY n`, fileID)
	if err != nil {
		return nil, fmt.Errorf("pieces of evidence %d: %w", fileID, err)
	}
	defer rows.Close()
	var out []byte
	for want := 0; rows.Next(); want++ {
		var n int
		var sealed []byte
		if err := rows.Scan(&n, &sealed); err != nil {
			return nil, err
		}
		if n != want {
			return nil, fmt.Errorf("evidence %d: piece %d missing", fileID, want)
		}
		plain, err := s.Box.Open(sealed, chunkContext(fileID, n))
		if err != nil {
			return nil, fmt.Errorf("evidence %d piece %d: %w", fileID, n, err)
		}
		out = append(out, plain...)
	}
	return out, rows.Err()
}
