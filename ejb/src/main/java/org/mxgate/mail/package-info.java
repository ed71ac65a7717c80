/**
 * Mail values shared by every stage: addresses and their strict RFC 5321 syntax.
 * No I/O and no container types belong here.
 */
package org.mxgate.mail;
