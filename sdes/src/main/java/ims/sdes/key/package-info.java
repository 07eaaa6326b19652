/**
 * Sources of fresh key material. The transforms take a {@link ims.sdes.key.KeySource} as input so
 * that they stay pure functions; see {@code KeyParam.generate} for turning one into a key-param.
 */
package ims.sdes.key;
