using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SearchTrigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Number_Trigram",
                table: "Payments",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Number_Trigram",
                table: "Jobs",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Title_Trigram",
                table: "Jobs",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Number_Trigram",
                table: "Invoices",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Title_Trigram",
                table: "Invoices",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_Number_Trigram",
                table: "Estimates",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_Title_Trigram",
                table: "Estimates",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchText_Trigram",
                table: "Customers",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_Number_Trigram",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Number_Trigram",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Title_Trigram",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Number_Trigram",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Title_Trigram",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Estimates_Number_Trigram",
                table: "Estimates");

            migrationBuilder.DropIndex(
                name: "IX_Estimates_Title_Trigram",
                table: "Estimates");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchText_Trigram",
                table: "Customers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
