package upload_test

import (
	"context"
	"errors"
	"testing"

	"github.com/bursa-banten/bursa/internal/upload"
)

// FuzzCheck: any bytes are accepted as a clean file or refused with an
// upload.Error; nothing panics, and an accepted PDF passes again.
func FuzzCheck(f *testing.F) {
	f.Add(upload.TextPDF("cv"))
	f.Add(catalogWith("/OpenAction << /S /JavaScript /JS (x) >>"))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		got, err := upload.Check(ctx, nil, data, lim, upload.PDF, upload.JPEG, upload.PNG)
		var ue *upload.Error
		if err != nil && !errors.As(err, &ue) {
			t.Fatalf("not an upload.Error: %v", err)
		}
		if err == nil && got.Type == upload.PDF {
			if err := upload.CheckPDF(ctx, got.Data); err != nil {
				t.Fatalf("accepted PDF refused the second time: %v", err)
			}
		}
	})
}
