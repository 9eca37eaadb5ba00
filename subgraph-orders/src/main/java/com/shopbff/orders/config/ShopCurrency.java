package com.shopbff.orders.config;

/** The one currency of the shop ({@code shop.currency}). */
public record ShopCurrency(String code) {
}
