//go:build unix

package complaint

import "syscall"

// bigBuffer returns n bytes outside the Go heap, and the function that gives
// them back to the system at once. A 10 MB upload read for its check lives
// for a second; on the heap it would raise the collector's goal (twice the
// live heap) by twice its size for every upload in flight, and four at once
// grew the process by ~170 MB. Mapped memory is gone when free returns.
// The caller must not keep b, or anything sliced from it, after free.
func bigBuffer(n int) (b []byte, free func()) {
	if n == 0 {
		return nil, func() {}
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n), func() {}
	}
	return b, func() { _ = syscall.Munmap(b) }
}
