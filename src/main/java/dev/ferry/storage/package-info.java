/** The S3 gateway: single and multipart uploads, presigning, deletion. Nothing else talks to S3. */
package dev.ferry.storage;
