package alloc

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// lotteryDomain separates lottery hashes from any other use of the same seed,
// and versions the formula so a future change cannot be confused with it.
const lotteryDomain = "bursa-lottery-v1"

// Lottery is an applicant's tie-breaking number for a round; lower wins. It
// is public and recomputable by anyone once the seed is revealed:
//
//	Lottery = first 8 bytes, read as a big-endian uint64, of
//	          SHA-256( seed || "bursa-lottery-v1" || BE64(applicantID) )
//
// where || is byte concatenation, "bursa-lottery-v1" is its 16 ASCII bytes
// with no terminator, and BE64 is the ID's 8-byte big-endian two's-complement
// encoding. No separator is needed after the seed because the two parts that
// follow have fixed length. For example, in Python:
//
//	int.from_bytes(hashlib.sha256(seed + b"bursa-lottery-v1" +
//	    applicant_id.to_bytes(8, "big", signed=True)).digest()[:8], "big")
//
// One number per applicant, used at every program (single tie-breaking),
// keeps DA strategy-proof and avoids the extra instability of drawing a
// separate number per program.
func Lottery(seed []byte, applicantID int64) uint64 {
	buf := make([]byte, 0, len(seed)+len(lotteryDomain)+8)
	buf = append(buf, seed...)
	buf = append(buf, lotteryDomain...)
	buf = binary.BigEndian.AppendUint64(buf, uint64(applicantID))
	sum := sha256.Sum256(buf)
	return binary.BigEndian.Uint64(sum[:8])
}

// SeedHash is the lowercase hex SHA-256 of the seed. It is published when a
// round opens, committing to the seed before anyone applies; the seed itself
// is revealed after the round closes, so anyone can check it against this
// hash and recompute every lottery number.
func SeedHash(seed []byte) string {
	sum := sha256.Sum256(seed)
	return hex.EncodeToString(sum[:])
}
