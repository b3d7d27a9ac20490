// Package domain holds xeploai's business types and rules: organisations,
// members, ratings, awards, and the one text-folding function, date parser and
// level parser that every other package uses. It does no I/O, no SQL and no GUI.
package domain
