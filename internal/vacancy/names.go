package vacancy

import "github.com/bursa-banten/bursa/internal/ref"

func regionName(code string) string {
	if r, ok := ref.RegionByCode(code); ok {
		return r.Name
	}
	return code
}
