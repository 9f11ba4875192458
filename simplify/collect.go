package simplify

import "github.com/symdiff/symdiff/symbolic"

// Collecting a sum's terms by their calls.
//
// The product rule leaves one term per factor differentiated, and terms that
// share a function call stay apart: the derivative of x*(x - 1)*sin(x) is
// x*(x - 1)*cos(x) + x*sin(x) + (x - 1)*sin(x), where a reader writes
// x*(x - 1)*cos(x) + (2*x - 1)*sin(x). The rational normal form does not
// give that: it expands everything, each power of x times each call a
// term. collect groups the terms by their kernel part, the product of their
// factors that are calls or powers of calls, and writes each group once,
// its coefficients added: one rewrite, which the search takes where it
// costs less. Sharing makes the uncollected form a node cheaper as often
// as not (x and x - 1 are there anyway), so the cost function weighs each
// term whose kernel part an earlier term has (uncollected, in cost.go). A
// sum of more than maxCollectTerms terms is left to the wide-node groups
// (wide.go).

// maxCollectTerms is the most terms of a sum that collect looks at.
const maxCollectTerms = 16

// collect returns the sum e with its terms collected by their kernel parts,
// or nil if e is not a sum, or no two of its terms share a kernel part.
func collect(e symbolic.Expr) symbolic.Expr {
	s, ok := e.(*symbolic.Sum)
	if !ok || uncollected(s) == 0 {
		return nil // not a short sum, or no two terms share a kernel
	}
	type group struct {
		kernel symbolic.Expr
		coefs  []symbolic.Expr
	}
	var groups []group
	shared := false
	for _, t := range s.Terms() {
		coef, kernel := splitKernel(t)
		found := false
		for i := range groups {
			if groups[i].kernel == kernel {
				groups[i].coefs = append(groups[i].coefs, coef)
				found, shared = true, true
				break
			}
		}
		if !found {
			groups = append(groups, group{kernel: kernel, coefs: []symbolic.Expr{coef}})
		}
	}
	if !shared {
		return nil
	}
	r, ok := try(func() symbolic.Expr {
		terms := make([]symbolic.Expr, len(groups))
		for i, g := range groups {
			terms[i] = symbolic.Mul(symbolic.Add(g.coefs...), g.kernel)
		}
		return symbolic.Add(terms...)
	})
	if !ok || r == e {
		return nil
	}
	return r
}

// splitKernel splits a term into its coefficient and its kernel part, the
// product of its factors that are calls or powers of calls (sin(x),
// exp(-x), cos(x)^2), either 1 if there is none.
func splitKernel(t symbolic.Expr) (coef, kernel symbolic.Expr) {
	fs := factorsOf(t)
	var other, calls []symbolic.Expr
	for _, f := range fs {
		if isCall(powerBase(f)) {
			calls = append(calls, f)
		} else {
			other = append(other, f)
		}
	}
	return symbolic.Mul(other...), symbolic.Mul(calls...)
}

// A callKernel is a term's kernel part (see splitKernel) without building
// it: the term's factors, of which n are calls or powers of calls (one, a
// call alone, or its product's). n = 0 is the kernel 1.
type callKernel struct {
	one   symbolic.Expr   // the term itself, a call or a power of one
	fs    []symbolic.Expr // the factors of a product
	n     int
	first symbolic.Expr // the first call: most kernels differ there
}

func kernelOf(t symbolic.Expr) callKernel {
	k, _ := kernelAndRest(t)
	return k
}

// kernelAndRest is kernelOf, and whether t has a factor other than its
// number and its kernel: two terms of a canonical sum with the same kernel
// and only numbers besides would have been added into one, so a sum has
// terms to collect only where one such term does.
func kernelAndRest(t symbolic.Expr) (callKernel, bool) {
	p, ok := t.(*symbolic.Product)
	if !ok {
		if isCall(powerBase(t)) {
			return callKernel{one: t, n: 1, first: t}, false
		}
		return callKernel{}, false
	}
	fs := p.Factors()
	n, rest := 0, false
	var first symbolic.Expr
	for i, f := range fs {
		if isCall(powerBase(f)) {
			if n == 0 {
				first = f
			}
			n++
		} else if _, num := f.(*symbolic.Number); !num || i > 0 {
			rest = true
		}
	}
	if n == 0 {
		return callKernel{}, false
	}
	return callKernel{fs: fs, n: n, first: first}, rest
}

// next returns the first call (or power of one) of k's from index i on,
// and the index after it; nil at the end.
func (k callKernel) next(i int) (symbolic.Expr, int) {
	if k.one != nil {
		if i == 0 {
			return k.one, 1
		}
		return nil, 1
	}
	for ; i < len(k.fs); i++ {
		if isCall(powerBase(k.fs[i])) {
			return k.fs[i], i + 1
		}
	}
	return nil, i
}

// sameAs reports whether k and l are the same kernel, other than 1.
func (k callKernel) sameAs(l callKernel) bool {
	if k.n == 0 || k.n != l.n || k.first != l.first {
		return false
	}
	i, j := 0, 0
	for range k.n {
		var a, b symbolic.Expr
		a, i = k.next(i)
		b, j = l.next(j)
		if a != b {
			return false
		}
	}
	return true
}
