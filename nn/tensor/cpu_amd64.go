//go:build amd64 && !purego

package tensor

// cpuid executes CPUID with EAX = leaf and ECX = subleaf.
func cpuid(leaf, subleaf uint32) (eax, ebx, ecx, edx uint32)

// xgetbv0 reads XCR0, the register in which the operating system says which
// register states it saves on a context switch.
func xgetbv0() (eax, edx uint32)

// cpuHasAVX2 reports whether both the processor and the operating system
// support AVX2: the CPU has AVX (CPUID.1:ECX bit 28) and AVX2 (CPUID.(7,0):EBX
// bit 5), and the OS has enabled XGETBV (OSXSAVE, CPUID.1:ECX bit 27) and
// saves the XMM and YMM registers (XCR0 bits 1 and 2). Without the last
// check, a kernel that does not save YMM state would let another thread
// scribble over the accumulators.
func cpuHasAVX2() bool {
	const (
		osxsave      = 1 << 27 // CPUID.1:ECX
		avx          = 1 << 28 // CPUID.1:ECX
		avx2         = 1 << 5  // CPUID.(7,0):EBX
		xmmAndYMMSet = 1<<1 | 1<<2
	)
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv0(); xcr0&xmmAndYMMSet != xmmAndYMMSet {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&avx2 != 0
}
