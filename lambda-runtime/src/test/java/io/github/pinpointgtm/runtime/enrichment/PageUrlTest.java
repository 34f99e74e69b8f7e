package io.github.pinpointgtm.runtime.enrichment;

import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PageUrlTest {

    private static PageUrl parsed(String url) {
        Optional<PageUrl> page = PageUrl.parse(url);
        assertThat(page).as(url).isPresent();
        return page.get();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://www.example.com/checkout?step=2#top | www.example.com | /checkout",
        "HTTPS://WWW.Example.COM/Checkout            | www.example.com | /Checkout",
        "http://shop.example.com                     | shop.example.com | /",
        "https://www.example.com?utm_source=x        | www.example.com | /",
        "https://www.example.com#/spa/route          | www.example.com | /",
        "https://user:secret@www.example.com:8443/a  | www.example.com | /a",
        "http://localhost:8080/index.html            | localhost | /index.html",
        "http://[::1]:8080/p                         | [::1] | /p",
        "https://[2001:DB8::1]/                      | [2001:db8::1] | /",
        "https://www.example.com/a%20b/%E2%82%AC;x=1 | www.example.com | /a%20b/%E2%82%AC;x=1",
        "https://a@b@www.example.com/                | www.example.com | /",
    })
    void hostIsLowerCaseWithoutUserInformationOrPortAndPathIsAsSent(String url, String host, String path) {
        PageUrl page = parsed(url);

        assertThat(page.host()).isEqualTo(host);
        assertThat(page.path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/checkout", "www.example.com/p", "ftp://www.example.com/", "javascript:alert(1)",
        "https:/www.example.com", "https://", "https:///path", "https://:80/", "https://user@/p",
        "https://www.example.com:80a/", "https://www.exa mple.com/", "https://www.example.com\\@evil.example/",
        "https://[::1/", "https://[::1]x/", "https://[zz::1]/", "https://bücher.example/", " https://www.example.com/",
        "data:text/html,<p>", "about:blank"})
    void anythingButAnAbsoluteHttpUrlWithAValidHostIsNotAPageUrl(String url) {
        assertThat(PageUrl.parse(url)).as(url).isEmpty();
    }

    @Test
    void everyCampaignParameterAndClickIdIsRead() {
        PageUrl page = parsed("https://www.example.com/p?utm_source=news&utm_medium=email&utm_campaign=spring"
                + "&utm_term=shoes&utm_content=hero&gclid=G1&fbclid=F1&msclkid=M1&ttclid=T1&li_fat_id=L1&other=x");

        assertThat(page.campaignValue(CampaignParameter.UTM_SOURCE)).isEqualTo("news");
        assertThat(page.campaignValue(CampaignParameter.UTM_MEDIUM)).isEqualTo("email");
        assertThat(page.campaignValue(CampaignParameter.UTM_CAMPAIGN)).isEqualTo("spring");
        assertThat(page.campaignValue(CampaignParameter.UTM_TERM)).isEqualTo("shoes");
        assertThat(page.campaignValue(CampaignParameter.UTM_CONTENT)).isEqualTo("hero");
        assertThat(page.campaignValue(CampaignParameter.GCLID)).isEqualTo("G1");
        assertThat(page.campaignValue(CampaignParameter.FBCLID)).isEqualTo("F1");
        assertThat(page.campaignValue(CampaignParameter.MSCLKID)).isEqualTo("M1");
        assertThat(page.campaignValue(CampaignParameter.TTCLID)).isEqualTo("T1");
        assertThat(page.campaignValue(CampaignParameter.LI_FAT_ID)).isEqualTo("L1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "utm_campaign=spring+sale                 | spring sale",
        "utm_campaign=spring%20sale%2B%26%3D      | spring sale+&=",
        "utm_campaign=%E2%82%AC%F0%9F%98%80       | \u20ac\ud83d\ude00",
        "utm_campaign=100%                        | 100%",
        "utm_campaign=100%2                       | 100%2",
        "utm_campaign=%zz%4                       | %zz%4",
        "utm_campaign=%FF%41                      | \ufffdA",
        "utm_campaign=a=b=c                       | a=b=c",
        "utm%5Fcampaign=encoded+name              | encoded name",
        "utm_campaign=first&utm_campaign=second   | first",
        "x=1&&utm_campaign=after-empty-pair&      | after-empty-pair",
        "utm_campaign=caf\u00e9                   | caf\u00e9",
    })
    void valuesAreDecodedAsUrlSearchParamsDoes(String query, String expected) {
        assertThat(parsed("https://www.example.com/p?" + query).campaignValue(CampaignParameter.UTM_CAMPAIGN))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://www.example.com/p",
        "https://www.example.com/p?",
        "https://www.example.com/p?utm_source=",
        "https://www.example.com/p?utm_source",
        "https://www.example.com/p?utm_source=&utm_source=later",
        "https://www.example.com/p?UTM_SOURCE=upper",
        "https://www.example.com/p?xutm_source=x",
        "https://www.example.com/p#utm_source=in-fragment",
        "https://www.example.com/p?a=1#?utm_source=in-fragment",
        "https://www.example.com/utm_source=in-path",
    })
    void anAbsentEmptyMiscasedOrFragmentOnlyParameterHasNoValue(String url) {
        assertThat(parsed(url).campaignValue(CampaignParameter.UTM_SOURCE)).as(url).isNull();
    }

    @Test
    void anyValueEncodedAsBrowsersEncodeItIsReadBackExactly() {
        PropertyCheck.forAll(500, Texts.wellFormed(1, 300), value -> {
            String url = "https://www.example.com/p?a=1&gclid=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                    + "&b=2#f";

            assertThat(parsed(url).campaignValue(CampaignParameter.GCLID)).isEqualTo(value);
        });
    }

    @Test
    void noInputThrows() {
        for (String nasty : NastyStrings.ALL) {
            PageUrl.parse(nasty);
            PageUrl.parse("https://www.example.com/" + nasty + "?utm_source=" + nasty + "&" + nasty);
        }
        PropertyCheck.forAll(2_000, Texts.anyUtf16(200), text -> {
            PageUrl.parse(text);
            PageUrl.parse("https://" + text);
            Optional<PageUrl> page = PageUrl.parse("https://www.example.com/?" + text);
            assertThat(page).isPresent();
        });
    }
}
