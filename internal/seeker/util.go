package seeker

import (
	"crypto/rand"
	"encoding/base64"
	"time"

	"github.com/bursa-banten/bursa/internal/wib"
)

func civilDate(t time.Time) time.Time { return wib.Date(t) }

func randToken() string {
	b := make([]byte, 15)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
