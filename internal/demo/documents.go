package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/document"
	"github.com/bursa-banten/bursa/internal/upload"
)

// demoDocuments gives the demo seeker a CV, a BNSP certificate and an AK/1
// photo, through the document store (so they are checked and sealed like
// any upload), and sends the CV and the certificate with her application
// that is at the interview stage with the demo employer.
func demoDocuments(ctx context.Context, a *app.Services, accounts map[auth.Role]int64) error {
	u, err := a.Auth.Get(ctx, accounts[auth.Pencari])
	if err != nil {
		return fmt.Errorf("demo documents: %w", err)
	}
	cv := upload.TextPDF("Siti Nurhayati", "Kab. Serang, Banten", "",
		"Operator mesin jahit", "",
		"Pengalaman:", "- 2 tahun operator jahit di pabrik sepatu, Cikande (PKWT, selesai 2025)", "",
		"Pendidikan: SMK Tata Busana", "",
		"Keterampilan: menjahit mesin high speed, obras, pemeriksaan mutu jahitan")
	cert := upload.TextPDF("SERTIFIKAT KOMPETENSI", "Badan Nasional Sertifikasi Profesi (BNSP)", "",
		"Diberikan kepada: Siti Nurhayati", "Skema: Operator Mesin Jahit", "Lembaga Sertifikasi Profesi Garmen (contoh demo)")
	var ids []int64
	for _, f := range []struct {
		kind, title string
		data        []byte
	}{
		{document.CV, "CV Siti Nurhayati", cv},
		{document.Certificate, "Sertifikat BNSP Operator Mesin Jahit", cert},
		{document.Photo, "", portrait()},
	} {
		d, err := a.Documents.Upload(ctx, &u, f.kind, f.title, bytes.NewReader(f.data))
		if err != nil {
			return fmt.Errorf("demo document %s: %w", f.kind, err)
		}
		if f.kind != document.Photo {
			ids = append(ids, d.ID)
		}
	}
	var appID int64
	err = a.DB.QueryRowContext(ctx, `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id
		WHERE s.user_id = ? AND a.status = 'wawancara' ORDER BY a.id LIMIT 1`, u.ID).Scan(&appID)
	if err != nil {
		return fmt.Errorf("demo documents: the demo seeker's interview: %w", err)
	}
	_, err = a.Documents.Attach(ctx, &u, appID, ids)
	return err
}

// portrait draws a plain passport-style picture: a head and shoulders on
// the red background AK/1 photos use. No real face is shipped.
func portrait() []byte {
	const w, h = 300, 400
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg, skin, cloth, hair := color.RGBA{190, 30, 45, 255}, color.RGBA{224, 172, 125, 255}, color.RGBA{40, 60, 110, 255}, color.RGBA{30, 25, 25, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := bg
			dx, dy := x-w/2, y-150
			switch {
			case dx*dx+(dy+20)*(dy+20) < 80*80 && y < 150:
				c = hair // a headscarf over the head
			case dx*dx*100/(62*62)+dy*dy*100/(80*80) < 100:
				c = skin
			case y > 250 && dx*dx < (y-200)*(y-200)*2:
				c = cloth
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	return b.Bytes()
}
