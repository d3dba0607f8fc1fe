package api

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Reading a complaint or dispute with its evidence: JSON with the files as
// base64 strings, or multipart/form-data with the files as they are.

// maxComplaintBody bounds a complaint with its evidence: ten files of 10 MB
// as base64 (4/3 larger) and the rest of the JSON.
const maxComplaintBody = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes*4/3 + 1<<20

// maxMultipartBody bounds a complaint sent as multipart/form-data: the
// files travel as they are, so the bound is the evidence itself plus 1 MB.
const maxMultipartBody = complaint.MaxEvidenceFiles*complaint.MaxEvidenceBytes + 1<<20

// maxJSONPart bounds the complaint part of a multipart body: the narrative
// and members run to kilobytes. Base64 evidence inside it is therefore
// limited to about 750 KB; in multipart, files go as parts.
const maxJSONPart = 1 << 20

// decodeWithFiles reads a complaint or dispute body into v with its
// evidence. The body is either JSON with the files as base64 strings (b64),
// or multipart/form-data with the same JSON in a part named "complaint" and
// each file as a part named "files": a worker on a weak mobile connection
// then sends each photo as it is, not a third larger. Mistakes in the files
// come back as valid.Errors, so the caller can add the store's own.
func decodeWithFiles(w http.ResponseWriter, c *call, v any, b64 *[]string) ([][]byte, error) {
	mt, params, _ := mime.ParseMediaType(c.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := decodeMax(w, c, v, maxComplaintBody); err != nil {
			return nil, err
		}
		return decodeFiles(*b64)
	}
	files, err := readParts(multipart.NewReader(http.MaxBytesReader(w, c.Body, maxMultipartBody), params["boundary"]), v)
	if err != nil {
		return nil, err
	}
	if len(*b64) > 0 {
		if len(files) > 0 {
			return nil, valid.New("files", "files_twice")
		}
		return decodeFiles(*b64)
	}
	return files, nil
}

// readParts reads the parts of a multipart complaint: the JSON into v, and
// the files.
func readParts(mr *multipart.Reader, v any) ([][]byte, error) {
	var files [][]byte
	var mbe *http.MaxBytesError
	seenJSON, tooMany := false, false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.As(err, &mbe) {
			return nil, errTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
		}
		switch part.FormName() {
		case "complaint":
			if seenJSON {
				return nil, fmt.Errorf("%w: one part named complaint expected", errBadJSON)
			}
			seenJSON = true
			if err := readJSONPart(part, v); err != nil {
				return nil, err
			}
		case "files":
			if len(files) == complaint.MaxEvidenceFiles {
				// Refused anyway: read past it without keeping it.
				tooMany = true
				if _, err := io.Copy(io.Discard, part); errors.As(err, &mbe) {
					return nil, errTooLarge
				}
				continue
			}
			// One byte over the limit is enough for the store to refuse
			// the file by its size; the rest is not read into memory.
			b, err := io.ReadAll(io.LimitReader(part, complaint.MaxEvidenceBytes+1))
			if errors.As(err, &mbe) {
				return nil, errTooLarge
			}
			if err != nil {
				return nil, fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
			}
			files = append(files, b)
		default:
			return nil, fmt.Errorf("%w: unexpected part %q (want complaint and files)", errBadJSON, part.FormName())
		}
	}
	if !seenJSON {
		return nil, fmt.Errorf("%w: no part named complaint", errBadJSON)
	}
	if tooMany {
		// No files: the refusal must not first clean ten of them.
		return nil, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	return files, nil
}

// readJSONPart decodes the complaint part, which is small: the files are
// the bulk and come as parts of their own.
func readJSONPart(part io.Reader, v any) error {
	b, err := io.ReadAll(io.LimitReader(part, maxJSONPart+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || len(b) > maxJSONPart {
		return errTooLarge
	}
	if err != nil {
		return fmt.Errorf("%w: multipart: %s", errBadJSON, err.Error())
	}
	return decodeJSON(bytes.NewReader(b), v)
}

func decodeFiles(list []string) ([][]byte, error) {
	if len(list) > complaint.MaxEvidenceFiles {
		return nil, valid.New("files", "too_many", "max", complaint.MaxEvidenceFiles)
	}
	var out [][]byte
	var errs valid.Errors
	for i, s := range list {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			errs.Add("files", "evidence_damaged", "n", i+1)
			continue
		}
		out = append(out, b)
	}
	return out, errs.Err()
}
