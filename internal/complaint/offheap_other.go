//go:build !unix

package complaint

// bigBuffer is an ordinary slice where anonymous mappings are not at hand.
func bigBuffer(n int) (b []byte, free func()) { return make([]byte, n), func() {} }
