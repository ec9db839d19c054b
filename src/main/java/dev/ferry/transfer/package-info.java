/** Fetching a source: timeouts, redirects, cutting the body into parts, and its SHA-256 while it streams. */
package dev.ferry.transfer;
