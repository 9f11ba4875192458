// Package parser reads mathematical expressions as text and returns them as
// canonical symbolic.Expr values.
//
//	e, err := parser.Parse("2x sin(x)^2")           // 2*x*sin(x)^2
//	s, err := parser.Explain("2x sin(x)^2")         // ((2 * x) * (sin(x) ^ 2))
//	e, err := parser.Parse("f'(g(x))*g'(x)", parser.Funcs("f", "g"))
//
// # Grammar
//
// The grammar, in EBNF (the participle structs in grammar.go say the same):
//
//	expr    = term { ("+" | "-") term } .
//	term    = ("-" | "+") term | product .           (* a leading sign negates the product *)
//	product = power { ("*" | "/") unary | power } .  (* power alone: implicit product *)
//	unary   = ("-" | "+") unary | power .            (* a sign after *, / or ^ *)
//	power   = primary [ ("^" | "**") unary ] .
//	primary = number | call | name | "(" expr ")" .
//	call    = func "(" expr { "," expr } ")" .
//	func    = builtin | alias | declared { "'" } .
//	number  = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ] .
//	exponent = ("e" | "E") [ "+" | "-" ] digits .
//	name    = letter { letter | digit | "_" } .       (* letter: any Unicode letter or "_" *)
//
// Whitespace, including newlines, separates tokens and is otherwise ignored.
// A name is a function name (func) when it is a built-in function
// (symbolic.Builtins), an alias (ln, sqrt) or declared with Funcs; any other
// name is a variable, and pi, π and e are the constants.
//
// # Precedence
//
// From loosest to tightest:
//
//	operators                      associativity   examples
//	binary + -                     left            a - b - c = (a - b) - c
//	leading - +                    prefix          -a*b = -(a*b), -x/2 = -(x/2)
//	binary * /, implicit products  left            a / b c = (a / b) * c, 1/2x = x/2
//	- + after * / ^                prefix          2*-x*y = 2*(-x)*y, 2^-x = 2^(-x)
//	^ and its alias **             right           2^3^2 = 2^(3^2) = 512
//
// As in mathematics, a sign at the start of a term negates the whole
// product that follows (the printer writes -a*b/c for a product with a
// negative coefficient, and this reads it back as one product), and it is
// looser than ^: -x^2 is -(x^2). A sign may follow *, / and ^: 2*-x, x/-2,
// 2^-x is 2^(-x), and 2^-x^2 is 2^(-(x^2)).
//
// # Division by a product
//
// A number times a sum distributes in the canonical form: 2*(x + 1) is the
// node 2*x + 2. After '/', a product in parentheses divides factor by
// factor instead, so that the form written stays: 3/(2*(x + 1)) is
// (3/2)/(x + 1), the form in which the printer writes such a product, and
// which its text reads back as. The value is the same either way. This
// holds for a product directly in the parentheses, with at most a minus
// sign right before it (1/(-2*(x + 1))), not for a power of it
// (1/(2*(x + 1))^2), a sum (1/(2*(x + 1) + y)) or doubled parentheses.
//
// # Implicit multiplication
//
// An operand directly followed by a name, a function call or a parenthesis
// is multiplied by it, at the precedence of *: 2x, 2 x, 2(x+1), (x+1)(x-1),
// 2 sin(x), x sin(x), x y. The factor after the operand takes no sign
// (x -y is a difference) and binds its own powers: 2x^2 is 2*(x^2).
// Specific rules:
//
//   - A number directly after an operand is an error ("2 3", "x 2"): write
//     the operator.
//   - Names are read whole: xy is one variable, not x*y; x1 is a variable.
//     The one exception is π, always a name of its own: 2πx is 2*π*x,
//     πr^2 is π*r^2 and xπ is x*π.
//     A number followed by letters splits: 2x is 2*x, and 2e is 2*e, but 2e3
//     is the number 2000.
//   - A single-letter variable followed by parentheses is a product: x(y) is
//     x*y and a(x+1) is a*(x+1); so is a name with digits or underscores,
//     w_1(x+1). But an undeclared name of two or more letters, or f, g or h
//     (the usual names of functions), followed by parentheses is an error,
//     "unknown function 'foo'", with a hint to declare it with Funcs or to
//     write foo*(...): f(x) silently read as f*x would surprise. Explain
//     shows the reading.
//   - Except: a name within a small edit distance of a function name is
//     reported as a misspelling, "unknown function 'sinn'; did you mean
//     'sin'?", since that is almost always what happened; so is an unknown
//     name called with several arguments (foo(x, y)) or with primes (g'(x)).
//   - A function name always needs parentheses: sin x and sin^2(x) are
//     errors ("function 'sin' needs parentheses").
//
// # Numbers
//
// Literals are exact rationals, parsed from their text: 0.1 is 1/10, 1e-3 is
// 1/1000, 2.5E+4 is 25000 and 1e-400 is exact. A literal whose exact value
// would need more than the MaxNumberBits option's bits (such as 1e999999999) is
// an error with Limit "MaxNumberBits".
//
// # Functions and aliases
//
// The built-in functions are those of symbolic.Builtins (all of one
// argument), under their names and their rows' Aliases (ln for log, swish
// for silu). The parser lowers these itself:
//
//	sqrt(u)    u^(1/2)            (symbolic.Sqrt)
//	log(u, b)  log(u)/log(b)
//	e^u        exp(u)             (by symbolic.Pow)
//	π          pi
//
// Abstract functions are declared with Funcs: after Funcs("f"), f(u) is
// symbolic.Apply(symbolic.Abstract("f"), u), and f'(u) applies its
// derivative (more primes, higher derivatives), so that the printer's f'(g(x))*g'(x) reads back. Calling a
// function with the wrong number of arguments is an error at the call.
//
// # Errors
//
// Bad input gives an *Error with the byte offset, the line and the column
// (in runes) of the problem, and a message in the terms of the input:
//
//	1:3: expected an expression after '+'
//	1:5: parenthesis opened at 1:1 is never closed
//	1:1: unexpected ')' with no matching '('
//	1:1: unknown function 'sinn'; did you mean 'sin'?
//	1:1: function 'sin' needs parentheses
//	1:2: invalid character '\x00'
//	1:1: empty input
//
// Error.Snippet shows the input line with a caret under the problem.
// Mathematical errors of the constructors (division by zero in 1/0, a number
// too large in 3^(10^9)) come back as *Errors at the operator. Every token
// is checked before the grammar reads it, so participle's own messages
// never reach the user; an input with several problems gets the error of
// the earliest stage (an invalid character before a misplaced operator,
// that before a division by zero), the first of that stage as it reads.
//
// # Limits
//
// Every call has explicit limits, set with options:
//
//	MaxBytes   input length in bytes                 default 1 MiB (DefaultMaxBytes)
//	MaxDepth   nesting: parentheses, sign chains     default 5000 (DefaultMaxDepth)
//	           and power chains, one level each (the parser's recursion
//	           is at most a small constant times this)
//
// The nesting is measured token by token before the recursion reaches
// the token, so 100,000 nested parentheses fail with a clear error, never
// a stack overflow. (The nested-sigmoid workload of depth 1000,
// 1/(1+exp(-(...))), needs 4000 levels: three parentheses and a sign each.)
// An exceeded limit gives an *Error whose Limit field names the option.
//
// # Implementation
//
// The grammar is written for participle (grammar.go): its structs are the
// syntax tree, and participle's reading of them is the grammar of record.
// Participle's parsing reflects over the structs at every token, which
// costs several times what the rest of parsing does, on one-line
// expressions and large workloads alike (docs/benchmarks.md,
// BenchmarkExplain). So Explain
// builds the tree with a small hand-written recursive-descent parser
// (fast.go) that builds the same tree, and Parse uses the same recursive
// descent fused with the lowering (direct.go), which calls the
// constructors as it reads and builds no tree at all. The tests and the
// fuzz target check on every input they parse that participle builds an
// identical tree and that lowering it gives Parse's result or error. The
// lexer's tokens are offsets into the input, without positions: lines and
// columns are computed for errors and for participle only. Parse keeps no
// slice of them: it lexes and checks one token at a time as it reads
// (tokenReader in direct.go), and on a long input it remembers its recent
// constructor calls, so that a repeated subexpression is built once
// (memo.go). An input of 256 KiB or more that is one long sum or product
// at its top level is read in two halves at once, the second by another
// goroutine, where GOMAXPROCS allows two (split.go); the result, and any
// error, is the one reading alone gives. The Participle
// option parses through the grammar itself; its parser is built on first
// use, so other processes never pay for building it. Parse is safe for
// concurrent use.
package parser
